"""The recognizers: one small named class per file, each with the entities it returns."""
