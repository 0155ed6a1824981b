"""Import and export of actions and indicators (XLSX workbook or CSV files)."""
