"""groupbuy: see ARCHITECTURE.md; filled in by its own issue."""
