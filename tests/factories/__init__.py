"""factory_boy factories: focused setup for each test instead of whole-site fixtures."""

from .accounts import CohortFactory, FacilityFactory, LearnerFactory, OfficerFactory, RegionFactory
from .content import build_course, build_site, build_store
from .learning import enrol
from .shop import ListingFactory, add_photo, jpeg_upload

__all__ = [
    "CohortFactory",
    "FacilityFactory",
    "LearnerFactory",
    "ListingFactory",
    "OfficerFactory",
    "RegionFactory",
    "add_photo",
    "build_course",
    "build_site",
    "build_store",
    "enrol",
    "jpeg_upload",
]
