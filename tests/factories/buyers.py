from sandbox_shop.buyers.models import BuyerScenario
from sandbox_shop.buyers.services import scenario_build
from sandbox_shop.models import PracticeListing

from .shop import ListingFactory


def approved_listing(**kwargs) -> PracticeListing:
    """A listing an officer has approved (set directly: the review workflow has its own tests)."""
    kwargs.setdefault("status", PracticeListing.Status.APPROVED)
    return ListingFactory(**kwargs)


def build_scenario(listing: PracticeListing | None = None, **kwargs) -> BuyerScenario:
    """The practice buyers of an approved listing, as the job makes them."""
    listing = listing or approved_listing(**kwargs)
    return scenario_build(listing_id=listing.pk)
