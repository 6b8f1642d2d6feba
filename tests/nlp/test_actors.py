"""Actors on real parses: dictionary, titles, names, coreference, and no guessing."""

from __future__ import annotations


def _actor(extraction, name):
    hits = [a for a in extraction.actors if a.name == name or a.text == name]
    assert hits, f"{name!r} not among {[a.text for a in extraction.actors]}"
    return hits[0]


def test_actors_army_chief_resolves_by_dictionary(extract):
    ex = extract("Army chief Asim Munir met tribal elders in Quetta on Monday.", "2024-03-11")
    munir = _actor(ex, "Asim Munir")
    assert (munir.country, munir.role) == ("PAK", "MIL")


def test_actors_country_in_organisation_name(extract):
    ex = extract("The Indian Army said its posts had come under fire overnight.")
    army = _actor(ex, "Indian Army")
    assert (army.country, army.role) == ("IND", "MIL")


def test_actors_bank_of_a_country_is_that_country(extract):
    ex = extract("The Exim Bank of the United States approved a loan for a copper mine in Zambia.")
    bank = next(a for a in ex.actors if "Exim" in a.text)
    assert bank.country == "USA"


def test_actors_media_outlet_is_media_of_its_country(extract):
    ex = extract("The New York Times reported that the talks had stalled in Doha.")
    nyt = _actor(ex, "New York Times")
    assert (nyt.country, nyt.role) == ("USA", "MED")


def test_actors_title_gives_country_and_role(extract):
    ex = extract("Pakistani Foreign Minister Bilal Zafar Khan told reporters the visit went well.")
    person = _actor(ex, "Bilal Zafar Khan")
    assert (person.country, person.role, person.basis) == ("PAK", "GOV", "title")


def test_actors_appositive_title_gives_country(extract):
    ex = extract("Maria Lindqvist, the Swedish ambassador to India, said the grant was ready.")
    person = _actor(ex, "Maria Lindqvist")
    assert person.country == "SWE"
    assert person.role == "GOV"


def test_actors_surname_follows_full_name(extract):
    text = ("Pakistani Foreign Minister Bilal Zafar Khan arrived in Beijing on Tuesday. "
            "Khan said the corridor would be extended to Afghanistan.")
    ex = extract(text)
    khans = [a for a in ex.actors if a.text in ("Bilal Zafar Khan", "Khan")]
    assert len(khans) == 2
    assert {a.country for a in khans} == {"PAK"}
    assert {a.name for a in khans} == {"Bilal Zafar Khan"}


def test_actors_unknown_person_keeps_no_country(extract):
    ex = extract("Ayesha Raza, who runs a bakery, said prices had doubled since spring.")
    person = _actor(ex, "Ayesha Raza")
    assert person.country is None


def test_actors_leader_by_term_of_office(extract):
    early = extract("Prime Minister Sharif flew to Washington for talks.", "2015-10-20")
    late = extract("Prime Minister Sharif flew to Washington for talks.", "2024-06-01")
    assert _actor(early, "Sharif").name == "Nawaz Sharif"
    assert _actor(late, "Sharif").name == "Shehbaz Sharif"
    assert _actor(late, "Sharif").country == "PAK"


def test_actors_groups_from_country_and_sector_noun(extract):
    ex = extract("Chinese officials said US forces had left the base.")
    groups = {(a.text, a.country, a.role) for a in ex.actors if a.kind == "group"}
    assert ("Chinese officials", "CHN", "GOV") in groups
    assert ("US forces", "USA", "MIL") in groups


def test_actors_operations_and_initiatives_are_not_actors(extract):
    ex = extract("Operation Swift Retort followed, and the Belt and Road Initiative was praised.")
    assert not [a for a in ex.actors if a.kind == "org"]


def test_actors_capital_is_a_country_not_an_actor(extract):
    ex = extract("Islamabad and Washington agreed to resume talks.")
    assert not ex.actors
    assert set(ex.countries) == {"PAK", "USA"}


def test_actors_weapons_and_treaties_are_not_actors(extract):
    ex = extract("Pakistan inducted JF-17 Thunder jets while India bought MH-60R helicopters "
                 "under the Simla Agreement framework of talks.")
    texts = " ".join(a.text for a in ex.actors)
    assert "JF-17" not in texts and "MH-60R" not in texts and "Simla" not in texts


def test_actors_split_person_names_are_joined(extract):
    ex = extract("Pakistani Foreign Minister Bilal Zafar Khan told reporters the visit went well.")
    assert [a.text for a in ex.actors if a.kind == "person"] == ["Bilal Zafar Khan"]
