"""Deterministic demo data: realistic persons and notices for `ncbdesk demo load`.

`generator` draws the population; `cultures` writes names as each culture and
each recording system does, from the tables in `names_*`, `europe` (Faker's
name lists) and `romanise` / `cyrillize`; `persons`, `documents`, `notices`
and `judicial` fill in the rest.
"""

from ncbdesk.adapters.demo.generator import REFERENCE_DAY, DemoData, generate_demo

__all__ = ["REFERENCE_DAY", "DemoData", "generate_demo"]
