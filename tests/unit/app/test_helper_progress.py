"""The helper process's progress messages (backstride.app.helper), without starting a process.

Truth: the counts a clip's analysis reports, frame by frame. Frame counts are sent every 5th
frame to keep the queue quiet, but the last one must arrive whatever the clip's length: before
the held-back count was sent at the end, this 243-frame analysis stopped at 240 (the two-process
test's clip, 240 frames, could not show it).
"""

import queue

from backstride.app import helper


def test_every_clip_length_reaches_its_last_frame_and_other_callbacks_all_arrive(monkeypatch):
    sent = queue.Queue()
    monkeypatch.setattr(helper, "_events", sent)

    def analysis(on_probe, progress):
        on_probe("probe")
        for n in range(1, 244):
            progress(n)
        return "done"

    assert helper._run(analysis, (), {"on_probe": "p-0", "progress": "f-1"}) == "done"
    messages = [sent.get_nowait() for _ in range(sent.qsize())]
    frames = [args[0] for key, args in messages if key == "f-1"]
    assert messages[0] == ("p-0", ("probe",))
    assert frames[-1] == 243 and frames[:3] == [5, 10, 15] and len(frames) == 49
