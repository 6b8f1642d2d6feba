"""Places: the ``entente_places`` component and :func:`find_places`."""

from __future__ import annotations

import math

import pytest
import spacy
from spacy.tokens import Doc

import entente.nlp.places  # noqa: F401  (registers "entente_places")
from entente.nlp.countries import find_countries, rank_countries
from entente.nlp.places import PlaceFixer, find_places


@pytest.fixture(scope="module")
def nlp_places(nlp):
    """The real pipeline, which runs ``entente_places`` right after the NER."""
    assert nlp.pipe_names.index("entente_places") == nlp.pipe_names.index("ner") + 1
    return nlp


@pytest.fixture(scope="module")
def places(nlp_places, dictionary):
    """``places(text) -> (doc, [Place])`` with the document's countries ranked."""

    def run(text: str):
        doc = nlp_places(text)
        countries = rank_countries(find_countries(doc, nlp_places, dictionary))
        return doc, find_places(doc, countries, country_forms=dictionary.country_forms)

    return run


def km(lat1, lon1, lat2, lon2):
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (math.sin((p2 - p1) / 2) ** 2
         + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2)
    return 12742 * math.asin(math.sqrt(a))


def labels(doc) -> dict[str, str]:
    return {e.text: e.label_ for e in doc.ents}


def by_text(found) -> dict:
    return {p.text: p for p in found}


# ---------------------------------------------------------------- component

def test_places_component_relabels_in_pakistan_story(places):
    doc, found = places("Pakistan's air force flew from Sargodha to Gwadar, and officials "
                        "in Punjab said the drills went well.")
    assert {labels(doc)[n] for n in ("Sargodha", "Gwadar", "Punjab")} == {"GPE"}
    got = by_text(found)
    assert {got[n].country for n in ("Sargodha", "Gwadar", "Punjab")} == {"PAK"}
    assert got["Sargodha"].kind == "city" and got["Punjab"].kind == "province"


def test_places_component_keeps_titled_person(places):
    doc, found = places("President Lincoln spoke to the crowd. Lincoln said the union would hold.")
    assert all(e.label_ not in ("GPE", "LOC") for e in doc.ents if e.text == "Lincoln")
    assert found == []


@pytest.mark.parametrize("text", [
    "Map of the region shows the new border.",
    "May brought heavy rain to the valley.",
    "Of the five ministers, two resigned.",
])
def test_places_component_ignores_capitalised_words(places, text):
    doc, found = places(text)
    first = doc[0].text
    assert first not in labels(doc) and first not in {p.text for p in found}


def test_places_component_adds_supplement_site(places):
    doc, found = places("Engineers returned to Reko Diq last week, Pakistani officials said.")
    assert labels(doc).get("Reko Diq") in ("FAC", "LOC", "GPE")
    site = by_text(found)["Reko Diq"]
    assert (site.kind, site.country, site.basis) == ("site", "PAK", "supplement")


def test_places_component_never_relabels_countries(nlp_places):
    doc = nlp_places("Pakistani and Indian diplomats met in Geneva.")
    assert labels(doc).get("Pakistani") == "NORP" and labels(doc).get("Indian") == "NORP"


def test_places_component_joins_and_pairs(places):
    doc, found = places("Strikes hit Pakistan and Pakistan-occupied Jammu and Kashmir, India said.")
    assert "Jammu and Kashmir" in labels(doc)
    assert by_text(found)["Jammu and Kashmir"].kind == "province"


def test_places_component_on_hand_built_doc():
    nlp = spacy.blank("en")
    fixer = PlaceFixer(country_forms={"Pakistan": ("PAK", "name")})
    words = ["Troops", "in", "Pakistan", "moved", "to", "Sargodha", "."]
    doc = Doc(nlp.vocab, words=words, ents=["O", "O", "B-GPE", "O", "O", "B-PERSON", "O"])
    assert labels(fixer(doc)) == {"Pakistan": "GPE", "Sargodha": "GPE"}


# ---------------------------------------------------------------- resolution

def test_places_punjab_in_india_story(places):
    _, found = places("Farmers in Punjab protested as India's government met in New Delhi.")
    punjab = by_text(found)["Punjab"]
    assert (punjab.country, punjab.kind, punjab.basis) == ("IND", "province", "context:IND")


@pytest.mark.parametrize("text,country", [
    ("Police in Hyderabad arrested two men, Indian officials said.", "IND"),
    ("Police in Hyderabad arrested two men after a raid in Sindh, Pakistani officials said.", "PAK"),
])
def test_places_hyderabad_follows_context(places, text, country):
    _, found = places(text)
    assert by_text(found)["Hyderabad"].country == country


def test_places_no_context_prefers_most_populous():
    nlp = spacy.blank("en")
    doc = Doc(nlp.vocab, words=["Rain", "fell", "on", "Hyderabad", "."], ents=["O", "O", "O", "B-GPE", "O"])
    (place,) = find_places(doc, [], country_forms={})
    assert (place.country, place.kind, place.basis) == ("IND", "city", "population")


def test_places_town_in_district(places):
    _, found = places("The boat docked at Pasni, in Gwadar District, on Monday. Pakistan said it was routine.")
    pasni = by_text(found)["Pasni"]
    assert (pasni.kind, pasni.country, pasni.admin1) == ("town", "PAK", "Balochistan")
    assert km(pasni.lat, pasni.lon, 25.26, 63.47) < 30
    assert pasni.geonameid == 1168312 and pasni.basis == "container:gwadar"
    assert by_text(found)["Gwadar District"].kind == "district"


def test_places_city_comma_province():
    nlp = spacy.blank("en")
    words = ["Protests", "in", "Hyderabad", ",", "Sindh", "ended", "."]
    doc = Doc(nlp.vocab, words=words, ents=["O", "O", "B-GPE", "O", "B-GPE", "O", "O"])
    got = by_text(find_places(doc, ["IND"], country_forms={}))
    assert got["Hyderabad"].country == "PAK" and got["Hyderabad"].basis == "container:sindh"


def test_places_province_with_noun_and_article(places):
    _, found = places("Troops moved into the Balochistan province of Pakistan on Sunday.")
    place = next(p for p in found if p.text.startswith("Balochistan"))
    assert (place.kind, place.country, place.name) == ("province", "PAK", "Balochistan")
    assert not place.text.startswith("the")


def test_places_possessive_owner():
    nlp = spacy.blank("en")
    words = ["China", "praised", "Pakistan", "'s", "Gwadar", "port", "."]
    doc = Doc(nlp.vocab, words=words, ents=["B-GPE", "O", "B-GPE", "O", "B-GPE", "I-GPE", "O"])
    forms = {"China": ("CHN", "name"), "Pakistan": ("PAK", "name")}
    got = by_text(find_places(doc, ["CHN", "PAK"], country_forms=forms))
    assert set(got) == {"Gwadar port"}
    assert (got["Gwadar port"].kind, got["Gwadar port"].country) == ("port", "PAK")
    assert got["Gwadar port"].basis == "owner:PAK"


@pytest.mark.parametrize("name", ["Arabian Sea", "Strait of Hormuz", "Indian Ocean", "Red Sea"])
def test_places_water_bodies(places, name):
    _, found = places(f"Warships sailed through the {name} on Tuesday.")
    water = by_text(found)[name]
    assert water.kind == "water" and water.lat is not None


def test_places_skips_countries_and_metonyms(places):
    _, found = places("Pakistan and the United States signed a deal; Islamabad's leaders welcomed it. "
                      "Talks were later held in Islamabad.")
    texts = [p.text for p in found]
    assert "Pakistan" not in texts and "United States" not in texts
    assert texts.count("Islamabad") == 1  # the place, not the government


def test_places_skips_unknown_names():
    nlp = spacy.blank("en")
    doc = Doc(nlp.vocab, words=["Fighting", "near", "Qwxzzy", "."], ents=["O", "O", "B-GPE", "O"])
    assert find_places(doc, ["PAK"], country_forms={}) == []


def test_places_small_foreign_namesake_dropped():
    nlp = spacy.blank("en")
    doc = Doc(nlp.vocab, words=["Talks", "with", "Clinton", "."], ents=["O", "O", "B-GPE", "O"])
    assert find_places(doc, ["PAK"], country_forms={}) == []


def test_places_person_named_elsewhere_not_a_place():
    nlp = spacy.blank("en")
    words = ["Narendra", "Modi", "met", "Modi", "supporters", "."]
    doc = Doc(nlp.vocab, words=words, ents=["B-PERSON", "I-PERSON", "O", "B-GPE", "O", "O"])
    assert find_places(doc, ["IND"], country_forms={}) == []


def test_places_offsets_match_text(places):
    doc, found = places("Shelling was reported near Quetta and in Khyber Pakhtunkhwa, Pakistan's army said.")
    assert found
    for p in found:
        assert doc.text[p.start:p.end] == p.text


def test_places_a_great_city_beats_a_small_namesake_in_a_named_country(extract):
    text = ("The United States and Iran resumed indirect talks. The envoys met in Vienna on Monday, "
            "and American officials said progress was slow.")
    (vienna,) = [p for p in extract(text, "2021-04-12").places if p.text == "Vienna"]
    assert vienna.country == "AUT"


def test_places_lone_compass_words_are_no_places(extract):
    text = "Sudan accused the South of backing rebels, and tensions rose across the Gulf."
    assert not {"South", "Gulf"} & {p.text for p in extract(text, "2016-03-03").places}


def test_places_a_capital_is_the_city_where_the_text_says_so_and_the_government_elsewhere(extract):
    found = {p.text for p in extract("Flights at Tehran's main airport resumed on Saturday.", "2022-03-01").places}
    assert "Tehran" in found
    acting = {p.text for p in extract("Kyiv rejected the offer and accused Moscow of lying.", "2022-03-01").places}
    assert not {"Kyiv", "Moscow"} & acting


def test_places_a_government_building_where_people_meet_is_a_site(extract):
    (site,) = [p for p in extract("The two ministers met at the Pentagon on Tuesday.", "2022-03-01").places
               if p.text == "Pentagon"]
    assert (site.country, site.kind) == ("USA", "site")
    assert "Pentagon" not in {p.text for p in extract("The Pentagon said the talks went well.", "2022-03-01").places}


def test_places_a_city_owning_a_site_gives_both(extract):
    found = {p.text: (p.kind, p.country) for p in
             extract("Security was tightened at Karachi’s Jinnah International Airport after the blast.",
                     "2024-04-19").places}
    assert found.get("Karachi") == ("city", "PAK")
    assert found.get("Jinnah International Airport") == ("site", "PAK")


def test_places_a_government_building_one_returns_to_is_a_site(extract):
    (site,) = extract("It is an honour to welcome you back to the Pentagon today.", "2022-02-22").places
    assert (site.text, site.country, site.kind) == ("Pentagon", "USA", "site")


def test_places_a_datelines_city_is_a_place_even_a_capital(extract):
    (kyiv,) = extract("KYIV, Ukraine (AP) — Russian forces shelled the city overnight.", "2022-03-01").places
    assert (kyiv.text, kyiv.country, kyiv.basis) == ("KYIV", "UKR", "dateline")
    (dakar,) = extract("DAKAR: Senegal's president met the envoy on Monday.", "2022-03-01").places
    assert (dakar.country, dakar.kind) == ("SEN", "city")


def test_places_an_oblast_or_governorate_is_a_province(extract):
    found = {p.text: (p.kind, p.country) for p in
             extract("Fighting raged in Donetsk Oblast and near Bakhmut on Monday.", "2023-10-10").places}
    assert found.get("Donetsk Oblast") == ("province", "UKR")


def test_places_a_river_the_gazetteer_only_knows_as_a_city_is_water(extract):
    found = {p.text: p for p in extract("Troops crossed the Dnipro River near Kherson.", "2023-10-10").places}
    river = found["Dnipro River"]
    assert (river.kind, river.country, river.lat) == ("water", None, None)


def test_places_named_sites_and_disputed_reefs_from_the_supplement(extract):
    struck = {p.text: (p.kind, p.country) for p in
              extract("US bombers struck Fordo and Natanz overnight.", "2025-06-22").places}
    assert struck.get("Fordo") == ("site", "IRN")
    reef = {p.text: (p.kind, p.country) for p in
            extract("Chinese ships blocked the resupply at Second Thomas Shoal.", "2025-06-22").places}
    assert reef.get("Second Thomas Shoal") == ("region", None)


def test_places_a_building_alone_on_its_line_heads_a_transcript_as_a_site(extract):
    (site,) = extract("Oval Office\n\n11:44 A.M. EDT\n\nPRESIDENT BIDEN: Welcome, everyone.", "2023-06-08").places
    assert (site.text, site.kind, site.country) == ("Oval Office", "site", "USA")


def test_places_a_named_facility_is_a_site_of_the_place_it_is_in(extract):
    found = {p.text: (p.kind, p.country) for p in extract(
        "Work continued on the Marlow Logistics Facility in Okinawa, officials in Tokyo said.", "2023-05-02").places}
    assert found.get("Marlow Logistics Facility") == ("site", "JPN")


def test_places_a_named_mall_takes_the_one_city_of_its_sentence(extract):
    text = ("Gunmen staged two raids in Kampala last year, including an assault on the Riverbend shopping "
            "mall in which nine people died.")
    found = {p.text: (p.kind, p.country) for p in extract(text, "2021-06-01").places}
    assert found.get("Riverbend shopping mall") == ("site", "UGA")


def test_places_a_facility_with_no_place_in_its_sentence_is_left_out(extract):
    text = "Kenya and Uganda signed a trade pact. Officials toured the Riverbend shopping mall afterwards."
    assert "Riverbend shopping mall" not in {p.text for p in extract(text, "2021-06-01").places}


def test_places_a_navy_ship_where_leaders_meet_is_a_site_of_its_country(extract):
    text = "The prime minister met the admiral aboard the British aircraft carrier HMS Prince of Wales on Friday."
    found = {p.text: (p.kind, p.country) for p in extract(text, "2021-08-06").places}
    assert found.get("HMS Prince of Wales") == ("site", "GBR")
    fired = "The ministry said HMS Prince of Wales sailed from Portsmouth on Friday."
    assert "HMS Prince of Wales" not in {p.text for p in extract(fired, "2021-08-06").places}


def test_places_the_government_in_a_capital_is_no_place(extract):
    text = "Four states cut ties with Qatar, accusing the government in Doha of backing militants."
    assert "Doha" not in {p.text for p in extract(text, "2017-06-10").places}
    assert "Doha" in {p.text for p in extract("Talks between the two sides opened in Doha on Monday.",
                                              "2020-02-24").places}


def test_places_another_romanisation_of_a_town_in_a_named_country(extract):
    text = "A drone struck a fuel depot in Vasilkiv, south of Kyiv, Ukraine, on Sunday."
    (town,) = [p for p in extract(text, "2022-02-27").places if p.text == "Vasilkiv"]
    assert (town.name, town.country) == ("Vasylkiv", "UKR")
    assert "Vasilkiv" not in {p.text for p in extract("A drone struck a fuel depot in Vasilkiv on Sunday.",
                                                      "2022-02-27").places}


def test_places_separatist_republics_are_regions_of_their_country(extract):
    text = "Moscow recognised the DNR as independent, and shelling went on near Donetsk in eastern Ukraine."
    found = {p.text: (p.kind, p.country) for p in extract(text, "2022-02-22").places}
    assert found.get("DNR") == ("region", "UKR")
