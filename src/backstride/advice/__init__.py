"""Advice: the evidence-graded plan."""

from backstride.advice.plan import GaitFindings, PlanItem, make_plan

__all__ = ["GaitFindings", "PlanItem", "make_plan"]
