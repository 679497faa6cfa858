from django.dispatch import Signal

# Sent inside the transaction that approves a practice listing: listing.
# Courses whose completion waits for an approved practicum listen to it.
listing_approved = Signal()
