"""Criterion 4.3 from the IT department's monthly data (§8.4 L1337, L2365–2377, L3817)."""
