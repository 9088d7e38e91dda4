"""The demo closes well: a closed referral with the person's story shared with their
consent and closing measures, and a person who became a volunteer at a demo place."""

from __future__ import annotations

from pathlib import Path

from linkworker.domain.closing import HelperRole, StoryConsent
from linkworker.domain.outcomes import Timepoint
from linkworker.domain.people import EpisodeStatus
from linkworker.paths import AppPaths
from linkworker.services.context import open_services


def test_the_demo_has_a_story_shared_with_consent_closing_measures_and_a_volunteer(
    demo_data: Path,
) -> None:
    paths = AppPaths.under(demo_data)
    services = open_services(paths)
    try:
        brian = services.people.find_by_nhs_number("999 166 9124")
        assert brian is not None
        closed = brian.episodes[0]
        assert closed.draft.status is EpisodeStatus.CLOSED
        story = closed.draft.story
        assert "Linda says she's got her husband back" in story.words
        assert story.consent is StoryConsent.YES and story.consent_on == closed.draft.closed_on
        measures = services.outcomes.for_person(brian.id)[0].measures
        assert any(m.timepoint is Timepoint.CLOSING for m in measures)

        (role,) = brian.giving_back
        assert role.draft.role is HelperRole.VOLUNTEER
        assert role.draft.place_name == "Great Sutton Men's Shed"
        assert role.draft.asset_id is not None
        assert services.directory.get(role.draft.asset_id).draft.name == role.draft.place_name
        assert role.episode_id == closed.id
    finally:
        services.close()
