"""rgaa-audit: audit web portals against RGAA 4.1.2 and eco-design practice.

The package folders follow the data flow, one way:
crawl -> capture -> checks -> decide -> score -> store -> report.
"""

__version__ = "0.1.0"
RGAA_VERSION = "4.1.2"
