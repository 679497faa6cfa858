"""factory_boy factories: focused setup for each test instead of whole-site fixtures."""

from .accounts import (
    AdminFactory,
    CohortFactory,
    FacilityFactory,
    InstructorFactory,
    LearnerFactory,
    OfficerFactory,
    RegionFactory,
    with_totp,
)
from .buyers import approved_listing, build_scenario
from .content import build_course, build_site, build_store
from .learning import enrol
from .shop import ListingFactory, add_photo, jpeg_upload, request_promotion

__all__ = [
    "AdminFactory",
    "CohortFactory",
    "FacilityFactory",
    "InstructorFactory",
    "LearnerFactory",
    "ListingFactory",
    "OfficerFactory",
    "RegionFactory",
    "add_photo",
    "approved_listing",
    "build_course",
    "build_scenario",
    "build_site",
    "build_store",
    "enrol",
    "jpeg_upload",
    "request_promotion",
    "with_totp",
]
