"""The corpus's invented listings: 183 services of a made-up borough's directory.

Written as a link worker would find them in a real feed: ORUK service types, LGA
terms and the free terms feeds really use; schedules in days and times, in words only,
or not given; some with no location, some closed or paused; groups for one gender,
for carers, the bereaved or one condition, for some ages; free, £3 or dearer; step-free,
not, or not said; run in Sylheti, Polish, Arabic or BSL; some reached by phone only.
Every name, organisation and place is invented.
"""

from __future__ import annotations

from bench.match_corpus.listing_table import Listing
from bench.match_corpus.listings_activities import ACTIVITIES
from bench.match_corpus.listings_support import SUPPORT

LISTINGS: tuple[Listing, ...] = (*ACTIVITIES, *SUPPORT)
