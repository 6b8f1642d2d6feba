"""Where the coder finds an event's two sides beyond the subject and object of its trigger.

Every sentence here was written for these tests.
"""

from __future__ import annotations


def _pairs(extract, text, published="2024-03-12"):
    return {(e.source, e.target, e.plover) for e in extract(text, published).events}


def test_both_sides_stand_for_the_two_countries_named_before(extract):
    text = ("Clashes broke out between Ecuador and Peru along the river. "
            "Brazil urged both sides to pull back their troops.")
    found = _pairs(extract, text)
    assert ("BRA", "ECU", "REQUEST") in found and ("BRA", "PER", "REQUEST") in found


def test_the_two_countries_is_not_the_speaker(extract):
    # The pair is read from before the phrase: the addressing third party is not one of them.
    text = "Kenya and Uganda quarrelled over the lake. Tanzania asked the two countries to talk."
    found = _pairs(extract, text)
    assert ("TZA", "KEN", "REQUEST") in found and ("TZA", "UGA", "REQUEST") in found
    assert not any(s == t for s, t, _ in found)


def test_a_demand_finds_its_target_in_the_clause_it_governs(extract):
    assert ("NOR", "ISL", "REQUEST") in _pairs(extract, "Norway demanded that Iceland stop the whale hunt.")


def test_a_criticism_finds_its_target_in_a_saying_clause(extract):
    text = "Chile's foreign minister criticised the decision on Monday, saying Argentina had broken the treaty."
    assert ("CHL", "ARG", "ACCUSE") in _pairs(extract, text)


def test_a_plain_statement_does_not_borrow_a_target(extract):
    # "said" is a statement (CAMEO 01), not an act aimed at the subject of what was said.
    assert not {p for p in _pairs(extract, "Portugal said Spain had closed the border.") if p[:2] == ("PRT", "ESP")}


def test_the_government_in_a_capital_is_that_state(extract):
    text = "Egypt cut its ties with Qatar on Monday, accusing the government in Doha of funding militants."
    assert ("EGY", "QAT", "ACCUSE") in _pairs(extract, text)


def test_his_country_is_the_speakers_state(extract):
    text = "The Polish president said on Friday his country will send Ukraine two hundred tanks."
    assert ("POL", "UKR", "AGREE") in _pairs(extract, text)


def test_a_listed_subject_acts_in_full(extract):
    # A list the parser hangs on its first item as an apposition: every member acts.
    text = "Norway, the Netherlands, Denmark and Belgium expelled Russian diplomats on Tuesday."
    sources = {s for s, t, _ in _pairs(extract, text) if t == "RUS"}
    assert {"NOR", "NLD", "DNK", "BEL"} <= sources


def test_against_names_the_target_of_a_hostile_act(extract):
    text = "Azerbaijan carried out heavy shelling against Armenia on Sunday."
    assert ("AZE", "ARM", "ASSAULT") in _pairs(extract, text)


def test_transcript_turns_make_first_person_the_speaker(extract):
    text = ("PRESIDENT MACRON: Thank you. We condemned Russia's attacks on the grain port this week.\n\n"
            "PRESIDENT BIDEN: We will work with France on this.")
    found = _pairs(extract, text, "2023-07-20")
    assert ("FRA", "RUS", "ACCUSE") in found


def test_transcript_addressee_between_two_parties(extract):
    text = ("PRIME MINISTER KISHIDA: It is good to be here.\n\n"
            "PRESIDENT BIDEN: Mr. Prime Minister, we support your government's decision to raise defence spending.")
    found = _pairs(extract, text, "2023-01-13")
    assert ("USA", "JPN", "SUPPORT") in found


def test_a_lone_speaker_addresses_the_guest_named_by_a_vocative(extract):
    text = ("SECRETARY KERRY: Well, good morning. Minister Lavrov, we welcome your government's decision "
            "to destroy the chemical weapons.")
    assert ("USA", "RUS", "SUPPORT") in _pairs(extract, text, "2013-09-14")


def test_a_bare_title_vocative_is_the_documents_other_main_state(extract):
    text = ("SECRETARY AUSTIN: Mr. Minister, we support your government's decision to raise spending. "
            "Norway has been a steady partner, and Norway's forces train with ours every winter.")
    assert ("USA", "NOR", "SUPPORT") in _pairs(extract, text, "2023-05-02")
    unclear = ("SECRETARY AUSTIN: Mr. Minister, we support your government's decision to raise spending. "
               "Norway and Sweden train with our forces every winter.")
    assert not any(t in ("NOR", "SWE") for _, t, p in _pairs(extract, unclear, "2023-05-02") if p == "SUPPORT")


def test_having_a_guest_here_is_the_guests_visit(extract):
    text = "SECRETARY BLINKEN: It's a pleasure to have my friend, the Chilean foreign minister, here today."
    assert ("CHL", "USA", "CONSULT") in _pairs(extract, text, "2023-04-18")
    text = "PRIME MINISTER SUNAK: It is good to be here.\n\nPRESIDENT BIDEN: Mr. Prime Minister, welcome back."
    assert not any(p == "CONSULT" and s == "USA" for s, _, p in _pairs(extract, text, "2023-06-08"))


def test_a_flattened_list_of_named_leaders_gives_each_their_country(extract):
    text = ("Erdogan talked about the war on Tuesday in phone calls with Saudi Crown Prince Mohammed bin "
            "Salman al-Saud, Qatari Emir Tamim bin Hamad al-Thani and Omani Sultan Haitham bin Tarik.")
    found = {t for s, t, p in _pairs(extract, text, "2023-10-10") if s == "TUR" and p == "CONSULT"}
    assert {"SAU", "QAT", "OMN"} <= found


def test_saying_that_a_state_is_complicit_accuses_it(extract):
    found = _pairs(extract, "The Lithuanian president said Belarus was complicit in the smuggling.", "2021-08-02")
    assert ("LTU", "BLR", "ACCUSE") in found
    said = _pairs(extract, "\"Serbia is an aggressor,\" the Croatian prime minister said.", "2019-03-03")
    assert ("HRV", "SRB", "ACCUSE") in said
    assert not any(p == "ACCUSE" for *_, p in _pairs(extract, "Latvia said Belarus was not complicit.", "2021-08-02"))
    assert not any(p == "ACCUSE" for *_, p in _pairs(extract, "Latvia said Belarus was an important partner.",
                                                      "2021-08-02"))


def test_a_clause_on_an_owned_noun_is_the_owners_act(extract):
    found = _pairs(extract, "Australia's decision to impose duties on Chinese barley came in May.", "2020-05-20")
    assert ("AUS", "CHN", "SANCTION") in found
    found = _pairs(extract, "The minister restated Japan’s commitment to supporting the Philippines at sea.",
                   "2023-11-04")
    assert ("JPN", "PHL", "SUPPORT") in found


def test_a_state_under_sanctions_is_their_target(extract):
    found = _pairs(extract, "North Korea has been under UN sanctions since 2006.", "2019-01-01")
    assert ("UN", "PRK", "SANCTION") in found


def test_the_purpose_of_sanctions_names_their_target(extract):
    found = _pairs(extract, "Britain froze assets and imposed sanctions to punish Belarus for the crackdown.",
                   "2021-06-21")
    assert ("GBR", "BLR", "SANCTION") in found


def test_a_person_named_once_in_full_keeps_their_country_by_one_name(extract):
    text = ("Kenyan President William Ruto opened a trade fair on Monday. "
            "Ruto was in Tanzania on Friday.")
    assert ("KEN", "TZA", "CONSULT") in _pairs(extract, text, "2023-03-06")


def test_the_act_a_state_threatens_names_its_target(extract):
    found = _pairs(extract, "Russia threatened on Monday to halt grain exports to Egypt.", "2022-07-04")
    assert ("RUS", "EGY", "THREATEN") in found


def test_saying_a_state_must_act_is_a_demand_on_it(extract):
    found = _pairs(extract, "The Swedish minister said Turkey must lift its veto by June.", "2022-05-30")
    assert ("SWE", "TUR", "REQUEST") in found
    nested = _pairs(extract, "Canada said the crisis showed why Haiti must hold elections soon.", "2022-10-10")
    assert ("CAN", "HTI", "REQUEST") in nested
    own = _pairs(extract, "Finland said it must strengthen its border with Russia.", "2022-05-30")
    assert not any(p == "REQUEST" for *_, p in own)


def test_answering_an_act_named_before_is_aimed_at_its_owner(extract):
    text = ("Convoys with Turkish aid reached the border on Friday. "
            "Officials in Damascus rejected the aid on Saturday.")
    assert ("SYR", "TUR", "REJECT") in _pairs(extract, text, "2023-02-11")
    unowned = ("Convoys with emergency aid reached the border on Friday. "
               "Officials in Damascus rejected the aid on Saturday.")
    assert not any(p == "REJECT" for *_, p in _pairs(extract, unowned, "2023-02-11"))


def test_saying_a_state_violated_something_accuses_it(extract):
    found = _pairs(extract, "The Japanese minister said North Korea had violated UN resolutions.", "2017-09-04")
    assert ("JPN", "PRK", "ACCUSE") in found
    assert not any(p == "ACCUSE" and s == "JPN" for s, _, p in
                   _pairs(extract, "The Japanese minister said North Korea had joined the talks.", "2017-09-04"))


def test_the_court_after_a_named_court_is_that_court(extract):
    text = ("Kenya took the dispute to the International Court of Justice in 2014. "
            "On Tuesday the court said Somalia had violated the maritime boundary.")
    assert ("ICJ", "SOM", "ACCUSE") in _pairs(extract, text, "2021-10-12")


def test_looking_forward_to_an_act_is_no_act(extract):
    found = _pairs(extract, "SECRETARY AUSTIN: Mr. Minister, I look forward to working with Poland.", "2023-03-01")
    assert not any(p == "COOPERATE" for *_, p in found)
    done = _pairs(extract, "The United States worked with Poland on air defence last year.", "2023-03-01")
    assert ("USA", "POL", "COOPERATE") in done or ("POL", "USA", "COOPERATE") in done


def test_a_standing_partnership_between_two_states_is_no_event(extract):
    text = "Historians say the partnership between Portugal and England has lasted since 1386."
    assert not _pairs(extract, text, "2023-03-01")
    launched = "The ministers launched a partnership between Portugal and Brazil on Monday."
    assert ("PRT", "BRA", "COOPERATE") in _pairs(extract, launched, "2023-03-01")


def test_that_country_is_the_last_country_named(extract):
    text = "Macron praised ties with Senegal on Monday while hosting that country's prime minister."
    assert ("FRA", "SEN", "CONSULT") in _pairs(extract, text, "2024-06-20")


def test_reopening_an_embassy_restores_ties(extract):
    assert ("SOM", "KEN", "SUPPORT") in _pairs(extract, "Somalia reopened its embassy in Kenya on Monday.")


def test_restricting_exports_is_an_embargo(extract):
    assert ("CHN", "JPN", "SANCTION") in _pairs(extract, "China restricted exports of rare earths to Japan in 2010.")


def test_a_joint_subject_acting_on_their_own_meeting_acts_on_each_other(extract):
    found = _pairs(extract, "Serbia and Kosovo cancelled their meeting in Brussels on Thursday.")
    pairs = {(s, t) for s, t, _ in found}
    assert {("SRB", "XKX"), ("XKX", "SRB")} <= pairs or {("SRB", "KOS"), ("KOS", "SRB")} <= pairs


def test_an_agreement_is_aimed_at_whom_its_infinitive_names(extract):
    text = "Qatar signed a contract on Sunday to supply Germany with liquefied gas."
    assert ("QAT", "DEU", "SUPPORT") in _pairs(extract, text)


def test_a_vague_verbs_plain_dictionary_code_is_no_event(extract):
    # "take" alone is CAMEO 171 (seize) in the verb dictionary: a headline's "take a new turn" is not.
    assert not _pairs(extract, "Chile-Peru relations take a new turn.")


def test_an_event_between_two_countries_with_no_actor_as_subject(extract):
    found = _pairs(extract, "Deadly clashes erupted between Tajikistan and Kyrgyzstan on the border.")
    assert {("TJK", "KGZ"), ("KGZ", "TJK")} & {(s, t) for s, t, _ in found}


def test_each_side_blaming_the_other_is_mutual(extract):
    text = "Fighting resumed between Sudan and South Sudan. Each side blamed the other for the collapse of the truce."
    found = _pairs(extract, text)
    assert ("SDN", "SSD", "ACCUSE") in found and ("SSD", "SDN", "ACCUSE") in found


def test_a_phrase_one_preposition_down_names_the_target(extract):
    text = "The Turkish president talked by phone in separate calls on Friday with the Emir of Qatar."
    assert ("TUR", "QAT", "CONSULT") in _pairs(extract, text)


def test_speech_with_no_actor_as_subject_is_the_speakers(extract):
    text = ("PRESIDENT MACRON: It is good to be in Canberra.\n\n"
            "PRIME MINISTER ALBANESE: Thank you, Mr President. It is an honour to welcome you to Australia.\n\n"
            "PRESIDENT MACRON: Thank you for the warm words.")
    found = _pairs(extract, text, "2023-07-20")
    assert ("FRA", "AUS", "SUPPORT") in found


def test_nouns_of_support_commitment_and_thanks(extract):
    assert ("DEU", "MDA", "SUPPORT") in _pairs(extract, "Germany's support for Moldova's reforms is steady.")
    assert ("GBR", "EST", "AGREE") in _pairs(extract, "Britain's commitment to the defence of Estonia remains firm.")
    text = "The Kenyan minister expressed his gratitude to Japan for the new hospital."
    assert ("KEN", "JPN", "SUPPORT") in _pairs(extract, text)


def test_a_noun_event_deeper_in_an_object_still_counts(extract):
    text = "Kenya praised the success of the Ugandan offensive against Somali militants near the border."
    found = _pairs(extract, text)
    assert ("UGA", "SOM", "ASSAULT") in found
    assert any(s == "KEN" and p == "SUPPORT" for s, _, p in found)


def test_a_politeness_formula_performs_the_act(extract):
    found = _pairs(extract, "The Indonesian minister said he wanted to thank Japan for its help after the quake.")
    assert ("IDN", "JPN", "SUPPORT") in found
    # a real wish stays a wish
    assert not {p for p in _pairs(extract, "Indonesia wants to attack Malaysia.") if p[2] == "ASSAULT"}


def test_nouns_of_talks_and_calls(extract):
    text = "Oman hosted conversations between Iranian and American envoys in Muscat."
    pairs = {(s, t) for s, t, p in _pairs(extract, text) if p == "CONSULT"}
    assert pairs & {("IRN", "USA"), ("USA", "IRN")}
    text = "The Thai prime minister held a phone call with his Cambodian counterpart on Monday."
    assert ("THA", "KHM", "CONSULT") in _pairs(extract, text)


def test_a_person_in_another_country_is_visiting_it(extract):
    assert ("USA", "CHN", "CONSULT") in _pairs(extract, "Secretary of State Antony Blinken was in Beijing on Monday.")
    # a country "in" something is no visit
    assert not _pairs(extract, "Iran is in violation of the nuclear deal.")


def test_sides_word_lists_are_the_tokens_own(nlp):
    """The index's per-document word lists, read from the token arrays, hold what the tokens say."""
    from entente.coding.arguments import Sides

    doc = nlp("Peru's President Boluarte said on Monday that Chile and Bolivia had signed the pact. "
              "Talks resumed in Lima; the ministers met again.")
    sides = Sides(doc)
    assert sides.text == [t.text for t in doc]
    assert sides.lower == [t.lower_ for t in doc]
    assert sides.lemma == [t.lemma_.lower() for t in doc]
    assert sides.root_subjects == [t.i for t in doc if t.dep_ in ("nsubj", "nsubjpass") and t.head.dep_ == "ROOT"]
    assert sides.root_subjects  # the sentences have subjects of their roots
