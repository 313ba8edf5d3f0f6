namespace lg::ledger {}
