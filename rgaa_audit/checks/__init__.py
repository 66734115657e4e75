"""The check stage: own checks in families (one module and one data file each) and the axe-core
mapping. Importing the package imports every family (`families.py`), so that the registry
knows them without importing them itself.
"""

from rgaa_audit.checks import families  # noqa: F401  (the families register themselves)
