"""Self-experiments (N-of-1 trials): a runner tests one change on themselves.

``design`` draws a randomised schedule before day 1 (and refuses one that can never show an
effect), ``analysis`` gives the verdict (a randomisation test over the schedules the design
could have drawn, decides; an AR(1) regression gives the size), ``simulate`` is the harness
that shows both on simulated runners. References: ../shared/reference/nof1.md (Edgington &
Onghena 2007; Farrar 2001; Ostelo 2008; CENT 2015).
"""
