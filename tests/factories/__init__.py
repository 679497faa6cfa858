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
from .store import build_product, place_order, split_rule

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
    "build_product",
    "build_scenario",
    "build_site",
    "build_store",
    "enrol",
    "jpeg_upload",
    "place_order",
    "request_promotion",
    "split_rule",
    "with_totp",
]
