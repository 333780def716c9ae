"""Exports: a merchant's orders, pick lists and distributors' ledgers as
XLSX or CSV files, written by a job with its progress kept on the export,
streamed row by row (bounded memory whatever the size) and downloaded by the
staff who may read that data."""
