"""What an examination adds to the history: the physiotherapist's sacroiliac findings (the one
source whose clinical tests have a usable published accuracy), and what would separate the sources
a history cannot rank (a tie said as a tie)."""

from __future__ import annotations

from backstride.triage.evidence import Estimate, Evidence, likelihood_ratios
from backstride.triage.questionnaire import Answers

#: Laslett 2005 (Man Ther 10:207; 48 patients, intra-articular anaesthetic block as reference): 3 or more
#: of 6 provocation tests positive, sens 0.94, spec 0.78; any 2 of the best 4 (distraction, thigh
#: thrust, compression, sacral thrust) sens 0.88, spec 0.78; the thigh thrust alone sens 0.88, spec 0.69.
SIJ_CLUSTER_6 = (0.94, 0.78)
SIJ_BEST_4 = (0.88, 0.78)
SIJ_THIGH_THRUST = (0.88, 0.69)
SIJ_EXAM_SOURCE = "Laslett 2005 (Man Ther 10:207; anaesthetic block as reference)"


def sij_examination(a: Answers) -> list[Evidence]:
    """The most complete of the physiotherapist's sacroiliac findings, one only: the composites share
    their tests, so their ratios are not independent."""
    e = a.examination
    if e.sij_provocation_positive_of_6 is not None:
        n, need, acc, what = e.sij_provocation_positive_of_6, 3, SIJ_CLUSTER_6, "of 6 provocation tests"
    elif e.sij_best_four_positive_of_4 is not None:
        n, need, acc, what = e.sij_best_four_positive_of_4, 2, SIJ_BEST_4, "of the best 4 provocation tests"
    elif e.sij_thigh_thrust != "unknown":
        n, need, acc, what = int(e.sij_thigh_thrust == "yes"), 1, SIJ_THIGH_THRUST, "thigh thrust"
    else:
        return []
    positive = n >= need
    lr = likelihood_ratios(*acc)[0 if positive else 1]
    said = (
        f"{n} {what} positive" if what != "thigh thrust" else f"thigh thrust {'positive' if positive else 'negative'}"
    )
    rule = f"{need} or more {what}" if what != "thigh thrust" else "the thigh thrust alone"
    return [
        Evidence(
            f"examination: {said}",
            "sacroiliac_joint",
            lr,
            f"{SIJ_EXAM_SOURCE}: {rule}, sens {acc[0]:.2f}, spec {acc[1]:.2f}, LR{'+' if positive else '-'} {lr:.2f}",
        )
    ]


#: What would separate each source from the others (the examination, not a question).
SEPARATED_BY = {
    "sacroiliac_joint": "the sacroiliac provocation cluster (Laslett 2005)",
    "disc": "a repeated-movement assessment for centralisation (Laslett 2005)",
    "facet_joint": "medial branch blocks, a specialist procedure rarely needed (no history item or clinical test "
    "has useful accuracy)",
    "nerve_root": "a nerve examination (straight-leg raise, strength, reflexes; Devillé 2000)",
    "inflammatory_or_other": "a rheumatologist's assessment (blood tests, MRI of the sacroiliac joints)",
    "non_specific": "an examination that rules the specific sources in or out",
}


def tie_caveat(est: Estimate) -> tuple[str, ...]:
    """A tie said as a tie, with what would separate the tied sources."""
    from backstride.triage.labels import SOURCE_LABELS

    if len(est.leaders) < 2:
        return ()
    names = ", ".join(SOURCE_LABELS[s] for s in est.leaders)
    how = "; ".join(f"{SOURCE_LABELS[s]}: {SEPARATED_BY[s]}" for s in est.leaders if s != "non_specific")
    return (
        f"A tie: your answers cannot rank {names} (each is within reach of the first if its starting share "
        f"were doubled). What would separate them: {how}.",
    )
