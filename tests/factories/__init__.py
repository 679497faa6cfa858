"""factory_boy factories: focused setup for each test instead of whole-site fixtures."""

from .accounts import CohortFactory, FacilityFactory, LearnerFactory, OfficerFactory, RegionFactory
from .content import build_course, build_site, build_store
from .shop import ListingFactory, add_photo

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
]
