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


# ---------------------------------------------------------------- one actor per person, listed or not

def _entities(extraction):
    from entente.records import actor_entities
    return actor_entities(extraction.actors)


def test_actors_mentions_of_one_person_are_one_entity_under_the_fullest_name(extract):
    text = ("Brazil's finance minister Fernando Haddad met investors on Monday. On Tuesday Mr Haddad "
            "said the deal would create jobs. Fernando Haddad later flew to Rio.")
    ex = extract(text, "2023-05-02")
    (haddad,) = [e for e in _entities(ex) if "Haddad" in e["text"]]
    assert haddad["text"] == "Fernando Haddad" and haddad["country"] == "BRA"
    assert len(haddad["mentions"]) == 3
    assert all(text[m["start"]:m["end"]] == m["text"] for m in haddad["mentions"])


def test_actors_an_acronym_in_brackets_is_the_body_it_follows(extract):
    ex = extract("The Treasury's Office of Foreign Assets Control (OFAC) listed four firms. "
                 "OFAC said more would follow.", "2023-05-02")
    (ofac,) = [e for e in _entities(ex) if "Foreign Assets" in e["name"]]
    assert {m["text"] for m in ofac["mentions"]} == {"Office of Foreign Assets Control", "OFAC"}


def test_actors_groups_are_kept_apart_from_named_actors(extract):
    ex = extract("Pakistani officials met Indian diplomats in Geneva on Monday.", "2023-05-02")
    record = ex.to_record()
    assert {g["country"] for g in record["groups"]} == {"PAK", "IND"}
    assert not any(a["kind"] == "group" for a in record["actors"])


def test_actors_a_modifier_is_no_actor_of_its_own(extract):
    ex = extract("State Department spokesman Ned Price said the talks would resume.", "2022-03-02")
    texts = {e["text"] for e in _entities(ex)}
    assert "Ned Price" in texts and "State Department" not in texts


def test_actors_an_outlet_cited_as_the_source_is_no_actor(extract):
    ex = extract("The minister told Reuters that the border would reopen, according to Kyodo.", "2022-03-02")
    assert not {"Reuters", "Kyodo"} & {e["text"] for e in _entities(ex)}
    banned = extract("Russia banned the BBC from reporting in Moscow.", "2022-03-02")
    assert "BBC" in {e["text"] for e in _entities(banned)}


def test_actors_a_building_used_as_a_site_is_no_actor(extract):
    ex = extract("The two ministers met at the Pentagon on Tuesday.", "2022-03-02")
    assert "Pentagon" not in {e["text"] for e in _entities(ex)}
    said = extract("The Pentagon said the two ministers met on Tuesday.", "2022-03-02")
    assert "Pentagon" in {e["text"] for e in _entities(said)}


def test_actors_cut_fragments_are_no_actors(extract):
    ex = extract("The Bureau of Democracy, Human Rights and Labor issued the report.", "2022-03-02")
    assert not any(e["text"].endswith((" and", " of")) for e in _entities(ex))


def test_actors_a_bare_institution_belongs_to_the_country_of_the_story(extract):
    text = ("CARACAS, Venezuela — The National Assembly voted on Tuesday to reject the budget. "
            "Venezuela's opposition called the vote a first step.")
    ex = extract(text, "2019-01-15")
    (assembly,) = [e for e in _entities(ex) if e["text"] == "National Assembly"]
    assert (assembly["country"], assembly["basis"]) == ("VEN", "frame")
    even = extract("Congress passed the bill. Canada and Mexico both criticised it.", "2019-01-15")
    assert all(e["country"] is None for e in _entities(even) if e["text"] == "Congress")


def test_actors_royal_styles_and_family_particles_stay_in_the_name(extract):
    text = "Saudi King Salman bin Abdulaziz al-Saud received the Kuwaiti emir in Riyadh."
    ex = extract(text, "2019-01-15")
    texts = {e["text"] for e in _entities(ex)}
    assert "King Salman bin Abdulaziz al-Saud" in texts
    assert all(text[a.start:a.end] == a.text for a in ex.actors)  # the offsets follow the text shown


def test_actors_a_title_chain_runs_through_abbreviated_ranks_and_hyphened_owners(extract):
    ex = extract("Pentagon Press Secretary Brig. Gen. Pat Ryder spoke on Monday.", "2023-08-01")
    assert _actor(ex, "Pat Ryder").country == "USA"
    ex = extract("In Donetsk, the Russia-appointed mayor Alexei Kulemzin said shelling had stopped.", "2023-08-01")
    assert _actor(ex, "Alexei Kulemzin").country == "RUS"


def test_actors_a_body_in_a_persons_title_or_hosting_an_event_is_no_actor(extract):
    ex = extract("Chairman of the Joint Chiefs of Staff Dan Caine briefed reporters at a press conference "
                 "at the Pentagon on Sunday.", "2025-06-22")
    texts = {e["text"] for e in _entities(ex)}
    assert "Dan Caine" in texts and not {"Joint Chiefs of Staff", "Pentagon"} & texts


def test_actors_an_ambassador_belongs_to_the_sending_state(extract):
    ex = extract("Ambassador of Kenya to the United States Martin Kimani signed the accord.", "2023-08-01")
    assert _actor(ex, "Martin Kimani").country == "KEN"
    sent = extract("US Ambassador to Pakistan Donald Blome met the governor.", "2023-08-01")
    assert _actor(sent, "Donald Blome").country == "USA"


def test_actors_a_states_body_named_in_common_nouns_is_an_actor(extract):
    ex = extract("China's foreign ministry said the French presidential office had been told.", "2023-08-01")
    bodies = {e["text"]: e["country"] for e in _entities(ex)}
    assert bodies.get("China's foreign ministry") == "CHN"
    assert bodies.get("French presidential office") == "FRA"
    spokesman = extract("A Chinese foreign ministry spokesman said nothing.", "2023-08-01")
    assert not any("ministry" in e["text"] for e in _entities(spokesman))


def test_actors_a_transcript_label_names_its_speaker(extract):
    text = "SECRETARY OF STATE ANTONY J. BLINKEN: Good morning. We will now take questions."
    ex = extract(text, "2023-02-01")
    (blinken,) = [e for e in _entities(ex) if e["country"] == "USA"]
    assert blinken["text"] == "ANTONY J. BLINKEN" and blinken["role"] == "GOV"
    staff = extract("STAFF: Good morning. We will now take questions.", "2023-02-01")
    assert not _entities(staff)


def test_actors_a_bare_title_is_no_actor(extract):
    ex = extract("Well, Mr. Minister, it is good to see you again in Paris.", "2023-02-01")
    assert not _entities(ex)


def test_actors_a_first_name_the_recogniser_left_out_joins_the_name(extract):
    ex = extract("Shelling resumed overnight.\n\nKyrylo Tymoshenko, a deputy head of the office, "
                 "said eight people were hurt.", "2022-12-01")
    assert "Kyrylo Tymoshenko" in {e["text"] for e in _entities(ex)}


def test_actors_a_person_placed_by_another_person_takes_their_country(extract):
    text = ("Kenyan President William Ruto spoke on Monday. Abraham Korir Sing'oei, a senior adviser to "
            "Ruto, said the talks would go on.")
    ex = extract(text, "2023-05-02")
    adviser = _actor(ex, "Abraham Korir Sing'oei")
    assert (adviser.country, adviser.basis) == ("KEN", "affiliation")


def test_actors_pairs_of_countries_slugs_and_places_are_no_actors(extract):
    ex = extract("The U.S.-Japan alliance is strong, the White House said.", "2023-02-01")
    texts = {e["text"] for e in _entities(ex)}
    assert "White House" in texts and "U.S.-Japan" not in texts
    slug = extract("Oval Office\n\nPRESIDENT BIDEN: Welcome, everyone.", "2023-02-01")
    assert "Oval Office" not in {e["text"] for e in _entities(slug)}


def test_actors_a_government_named_after_its_leader_and_al_names(extract):
    ex = extract("The Trump administration has imposed new tariffs, officials said.", "2019-05-14")
    bodies = {e["text"]: e["country"] for e in _entities(ex)}
    assert bodies.get("Trump administration") == "USA"
    group = extract("Kenyan troops have fought al-Shabab in Somalia since 2011.", "2019-05-14")
    assert {e["text"]: e["country"] for e in _entities(group)}.get("al-Shabab") == "SOM"


def test_actors_a_transcripts_first_speaker_sets_the_frame(extract):
    text = ("SECRETARY BLINKEN: Welcome. Greece is a close partner, and Congress has backed the sale of jets "
            "to Greece.")
    ex = extract(text, "2022-05-16")
    assert {e["text"]: e["country"] for e in _entities(ex)}.get("Congress") == "USA"


def test_actors_an_international_bodys_agency_in_common_nouns_is_an_actor(extract):
    ex = extract("The United Nations refugee agency said on Friday that 40,000 people had fled.", "2022-03-04")
    assert {e["text"]: e["country"] for e in _entities(ex)}.get("United Nations refugee agency") == "UN"


def test_actors_leaders_in_a_flattened_list_are_each_listed_without_their_titles(extract):
    text = ("Erdogan talked about the war on Tuesday in phone calls with Saudi Crown Prince Mohammed bin "
            "Salman al-Saud, Qatari Emir Tamim bin Hamad al-Thani and Omani Sultan Haitham bin Tarik.")
    found = {e["text"]: e["country"] for e in _entities(extract(text, "2023-10-10"))}
    assert found.get("Tamim bin Hamad al-Thani") == "QAT"
    assert found.get("Mohammed bin Salman al-Saud") == "SAU"


def test_actors_a_company_based_somewhere_belongs_to_that_country(extract):
    ex = extract("A Tallinn-based start-up, Skyward Robotics, won the contract.", "2024-03-03")
    (firm,) = _entities(ex)
    assert (firm["text"], firm["country"], firm["kind"], firm["basis"]) == ("Skyward Robotics", "EST", "org", "based")
    title = extract("Kenya's Cabinet Secretary for Foreign Affairs Musalia Mudavadi met the envoy.", "2024-03-03")
    assert "Cabinet" not in {e["text"] for e in _entities(title)}


def test_actors_stray_initials_and_receiving_rooms_are_no_actors(extract):
    assert not _entities(extract("X. said the talks failed.", "2022-03-03"))
    ex = extract("Macron received the envoy at the Élysée on Monday.", "2022-03-03")
    assert "Élysée" not in {e["text"] for e in _entities(ex)}
    assert "Élysée" in {p.text for p in ex.places}


def test_actors_pronouns_outside_quotes_are_mentions_of_the_person(extract):
    text = ('Kenyan President William Ruto arrived in Nairobi on Monday. He said his government would '
            'sign the deal. "She will not come," he added.')
    ex = extract(text, "2023-05-02")
    (ruto,) = [e for e in _entities(ex) if e["name"] == "William Ruto"]
    words = [m["text"] for m in ruto["mentions"]]
    assert words[:3] == ["William Ruto", "He", "his"] and "She" not in words
    assert all(text[m["start"]:m["end"]] == m["text"] for m in ruto["mentions"])


def test_actors_a_later_single_name_is_a_mention_of_the_person(extract):
    text = "Kenyan President William Ruto opened a trade fair on Monday. Ruto was in Tanzania on Friday."
    (ruto,) = [e for e in _entities(extract(text, "2023-03-06")) if e["name"] == "William Ruto"]
    assert [m["text"] for m in ruto["mentions"]] == ["William Ruto", "Ruto"]


def test_actors_a_shared_surname_is_the_most_recent_full_name_before_it(extract):
    text = ("Pakistani Foreign Minister Bilal Zafar Khan arrived in Kabul on Monday. "
            "Khan said the talks would resume. "
            "Afghan Trade Minister Nooruddin Azizi Khan met him on Tuesday. "
            "Khan said the border crossing would reopen.")
    ex = extract(text)
    khans = sorted((a.start, a.name, a.country) for a in ex.actors if a.text == "Khan")
    assert [(name, country) for _, name, country in khans] == [
        ("Bilal Zafar Khan", "PAK"), ("Nooruddin Azizi Khan", "AFG")]
