"""Deterministic demo data: realistic persons and notices for `ncbdesk demo load`."""

from ncbdesk.adapters.demo.generator import REFERENCE_DAY, DemoData, generate_demo

__all__ = ["REFERENCE_DAY", "DemoData", "generate_demo"]
