"""BlazePose (detector + landmark model) run with LiteRT, without the mediapipe package.

The networks are mediapipe's own (``pose_detection.tflite`` and ``pose_landmark_{lite,full,heavy}
.tflite``, Apache-2.0); what mediapipe's graph does around them is written here from the published
graph and its calculators (mediapipe 0.10.21, ``mediapipe/modules/pose_landmark/*.pbtxt``,
``pose_detection/pose_detection_cpu.pbtxt`` and the calculators they name), one module a step:

- :mod:`.rects`: the rotated region of interest (``AlignmentPointsRectsCalculator``,
  ``RectTransformationCalculator``, the aspect padding of ``ImageToTensorCalculator``);
- :mod:`.crop`: the region cut out and scaled to the network's input (OpenCV's perspective warp,
  as mediapipe's CPU converter does it);
- :mod:`.detector`: SSD anchors, box decoding, weighted non-maximum suppression;
- :mod:`.landmarks`: the landmark tensors decoded, refined from the heatmap, projected back;
- :mod:`.filters`: the one-euro filter that steadies the region followed from frame to frame;
- :mod:`.models`: where the weights come from, with their hashes;
- :mod:`.tracker`: the loop (detect once, then follow the region from the last landmarks).
"""
