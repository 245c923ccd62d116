"""French constructions, one realistic sentence each (written for these tests)."""

from __future__ import annotations

import pytest

from .conftest import find_quote

# (article, fragment of the expected quote, kind, expected speaker, expected cue lemma)
CONSTRUCTIONS = [
    (
        "« La situation est grave », souligne la ministre de la Santé, Agnès Buzyn.",
        "La situation est grave",
        "direct",
        "Agnès Buzyn",
        "souligner",
    ),
    (
        "« Nous ne reculerons pas », a déclaré Paul Girard, le maire de Lyon.",
        "Nous ne reculerons pas",
        "direct",
        "Paul Girard",
        "déclarer",
    ),
    (
        "La ministre Claire Dubois a précisé : « Les écoles rouvriront lundi. »",
        "Les écoles rouvriront lundi.",
        "direct",
        "Claire Dubois",
        "préciser",
    ),
    (
        "Le syndicat a affirmé que les négociations étaient rompues depuis mardi.",
        "les négociations étaient rompues depuis mardi",
        "indirect",
        "syndicat",
        "affirmer",
    ),
    (
        "Marc Leroy a estimé qu’il était « très inquiet » de la situation à Lille.",
        "il était « très inquiet » de la situation à Lille",
        "mixed",
        "Marc Leroy",
        "estimer",
    ),
    (
        "La grève pourrait durer plusieurs semaines, a indiqué le porte-parole de la SNCF.",
        "La grève pourrait durer plusieurs semaines",
        "indirect",
        "le porte-parole de la SNCF",
        "indiquer",
    ),
    (
        "Selon le ministère de l’Intérieur, trois suspects ont été interpellés à Marseille.",
        "trois suspects ont été interpellés à Marseille",
        "indirect",
        "ministère de l’Intérieur",
        "selon",
    ),
    (
        "D’après l’agence Reuters, le sommet a été reporté à la semaine prochaine.",
        "le sommet a été reporté à la semaine prochaine",
        "indirect",
        "Reuters",
        "d'après",
    ),
    (
        "Sophie Martin, directrice de l’institut Pasteur, juge que le vaccin est sûr.",
        "le vaccin est sûr",
        "indirect",
        "Sophie Martin",
        "juger",
    ),
    (
        "Le gouvernement a fait savoir qu’il ne céderait pas aux pressions.",
        "il ne céderait pas aux pressions",
        "indirect",
        "gouvernement",
        "faire savoir",
    ),
    (
        "Le président a promis de réduire les impôts avant la fin de l’année.",
        "réduire les impôts",
        "indirect",
        "président",
        "promettre",
    ),
    (
        "La maire, Claire Vasseur, a pour sa part ajouté : « Le chantier sera fini en mai ».",
        "Le chantier sera fini en mai",
        "direct",
        "Claire Vasseur",
        "ajouter",
    ),
    (
        "L'entraîneur, Marc Lenoir s'est dit satisfait des progrès de son équipe cette saison.",
        "satisfait des progrès de son équipe",
        "indirect",
        "Marc Lenoir",
        "se dire",
    ),
    (
        "La syndicaliste s'est déclarée favorable à une hausse du salaire minimum.",
        "favorable à une hausse du salaire minimum",
        "indirect",
        "syndicaliste",
        "se déclarer",
    ),
    (
        # The subject, a name in apposition, speaks; the name after the verb is its object.
        "La maire de Lille, Sophie Marchal, a félicité P. Garnier pour son « courage immense ».",
        "courage immense",
        "direct",
        "Sophie Marchal",
        "féliciter",
    ),
    (
        "Le président sénégalais Macky Sall a visité l'usine. Le chef de l'État en visite à "
        "Thiès a déclaré que « les travaux reprendront en mai ».",
        "les travaux reprendront en mai",
        "direct",
        "Macky Sall",
        "déclarer",
    ),
    (
        # A name alone in marks is a nickname, not whom "elle" goes back to.
        "Claire Dubois a visité le chantier. Le nouveau stade est surnommé « Jules Verne ». "
        "Sur son blog, elle a affirmé que « les travaux avancent bien ».",
        "les travaux avancent bien",
        "direct",
        "Claire Dubois",
        "affirmer",
    ),
    (
        # The quotes go on with the last one who spoke, not the sentence's first subject.
        "Mme Durand réclame un nouveau vote, mais Claire Petit a déjà jugé que ce n'était "
        "« pas le moment ». « Les électeurs ont tranché il y a trois ans », a-t-elle déclaré.",
        "Les électeurs ont tranché",
        "direct",
        "Claire Petit",
        "déclarer",
    ),
    (
        # The source's body after its name belongs to the source, not to the quote.
        "Selon Paul Martin, de l’université de Lyon, « les relations vont se détériorer ».",
        "les relations vont se détériorer",
        "direct",
        "Paul Martin",
        "selon",
    ),
    (
        # A hyphenated common noun is one word: the parser no longer starts a sentence at "-".
        "Dimanche, les gérants de 80 stations-service ont indiqué qu'ils manquaient de gazole.",
        "ils manquaient de gazole",
        "indirect",
        "les gérants de 80 stations-service",
        "indiquer",
    ),
    (
        "Pour le journaliste-économiste Marc Dufour, « la croissance va ralentir ».",
        "la croissance va ralentir",
        "direct",
        "Marc Dufour",
        "pour",
    ),
]


def test_a_paragraph_ending_on_a_colon_introduces_the_quote_below(extract_fr):
    found = find_quote(
        extract_fr(
            "Lundi, Paul Girard, maire de Lyon, a réagi vivement à l'annonce :\n\n"
            "« C'est une décision prise sans nous, contre nous. »"
        ),
        "C'est une décision prise sans nous",
    )
    assert found.speaker == "Paul Girard"


def test_no_sentence_starts_inside_a_hyphenated_name(extract_fr):
    found = find_quote(
        extract_fr(
            "Le Royaume-Uni menace de quitter la table des négociations, a affirmé le ministre."
        ),
        "menace de quitter",
    )
    assert found.text.startswith("Le Royaume-Uni")


@pytest.mark.parametrize(
    ("article", "speaker"),
    [
        ("Trois mille personnes ont défilé à Rennes, selon la préfecture même.", "la préfecture"),
        (
            "Le ministre aurait menti, selon notamment le quotidien Libération.",
            "le quotidien Libération",
        ),
    ],
)
def test_an_adverb_around_the_source_is_not_part_of_its_name(extract_fr, article, speaker):
    (found,) = extract_fr(article)
    assert found.speaker == speaker


def test_a_first_name_the_parser_left_out_of_the_subject_stays_in_the_name(extract_fr):
    (found,) = extract_fr(
        "Vers 8h30, Bruno Le Maire confirme l'introduction dès 2019 d'une taxe des Gafa."
    )
    assert found.speaker == "Bruno Le Maire"


def test_the_object_of_the_verb_is_no_inverted_speaker(extract_fr):
    (found,) = extract_fr(
        "Vers 21h40, Julien Marchal, alias Le Sage, commente les propos du Président : "
        "« les miettes tombent »."
    )
    assert found.speaker == "Julien Marchal"


def test_a_long_role_after_the_source_is_not_content(extract_fr):
    (found,) = extract_fr(
        "Selon Olivier Martin, secrétaire d'État auprès du ministre de l'Action et des Comptes "
        "publics, les mesures représentent un coût de 8 à 10 milliards d'euros."
    )
    assert found.text.startswith("les mesures représentent")
    assert found.speaker == "Olivier Martin"


def test_a_body_s_name_keeps_the_adjective_that_ends_it(extract_fr):
    (found,) = extract_fr(
        "Mercredi, le Conseil constitutionnel rappelle que les contrôles d'identité doivent "
        "rester exceptionnels."
    )
    assert found.speaker == "Conseil constitutionnel"


def test_a_content_keeps_to_its_side_of_brackets(extract_fr):
    found = extract_fr(
        "Vers 8h30, Bruno Le Maire confirme l'introduction dès 2019 d'une taxe des Gafa (la "
        "veille, Xavier Niel a approuvé cela en racontant que Starbucks payait moins d'impôt "
        "que le cordonnier de la rue)."
    )
    assert find_quote(found, "l'introduction").text.endswith("taxe des Gafa")
    assert find_quote(found, "Starbucks payait").text.endswith("cordonnier de la rue")


def test_a_demonstrative_is_no_speaker(extract_fr):
    found = extract_fr(
        "Les secours sont arrivés. Le risque était qualifié de « marqué » par les services, ce "
        "qui veut dire que des avalanches sont « possibles parfois même par faible surcharge »."
    )
    assert found
    assert all(item.speaker not in ("ce", "c'") for item in found)


def test_a_quote_with_no_cue_is_said_by_the_subject_of_the_verb_it_completes(extract_fr):
    found = find_quote(
        extract_fr(
            "Selon la mairie, « la fête aura lieu samedi ». Le projet a été critiqué par le "
            "syndicat, qui refuse de « céder à la facilité une fois de plus »."
        ),
        "céder à la facilité",
    )
    assert found.speaker == "le syndicat"


def test_a_quote_completing_a_verb_is_said_by_its_pronoun_subject(extract_fr):
    found = find_quote(
        extract_fr(
            "Selon le collectif, « rien n'est réglé ». La ministre Claire Dubois avait présenté "
            "un plan en cinq points. Elle souhaitait rapidement « graver dans le marbre le "
            "travail » accompli."
        ),
        "graver dans le marbre",
    )
    assert found.speaker == "Claire Dubois"


@pytest.mark.parametrize(("article", "fragment", "kind", "speaker", "cue"), CONSTRUCTIONS)
def test_french_construction(extract_fr, article, fragment, kind, speaker, cue):
    found = find_quote(extract_fr(article), fragment)
    assert found.kind == kind
    assert speaker in (found.speaker or "")
    assert found.cue == cue


def test_interrupted_quote_gives_two_quotes_with_one_speaker(extract_fr):
    article = (
        "« Le budget est prêt », a expliqué Jeanne Morel, « mais il faudra encore voter le "
        "texte au Sénat »."
    )
    found = extract_fr(article)
    first = find_quote(found, "Le budget est prêt")
    second = find_quote(found, "mais il faudra encore voter")
    assert first.kind == second.kind == "direct"
    assert first.speaker == second.speaker == "Jeanne Morel"


def test_inverted_pronoun_speaker_is_resolved_to_the_previous_person(extract_fr):
    article = (
        "Le chercheur Antoine Petit a présenté son rapport mardi à Paris. "
        "Les glaciers reculent deux fois plus vite qu’il y a vingt ans, ajoute-t-il."
    )
    found = find_quote(extract_fr(article), "Les glaciers reculent")
    assert found.speaker == "Antoine Petit"
    assert found.speaker_mention == "-il"


def test_short_form_and_title_link_to_the_full_name(extract_fr):
    article = (
        "Daniel Roux, ancien ambassadeur, a quitté ses fonctions en mai. "
        "M. Roux a ajouté que la crise durerait des années."
    )
    found = find_quote(extract_fr(article), "la crise durerait des années")
    assert found.speaker == "Daniel Roux"


def test_apposition_gives_the_name_and_the_description(extract_fr):
    article = "« Il faut agir vite », estime Anne Lefèvre, présidente de l’association Terre Vive."
    found = find_quote(extract_fr(article), "Il faut agir vite")
    assert found.speaker == "Anne Lefèvre"
    assert "présidente de l’association" in found.speaker_description


def test_anonymous_source_has_the_anonymous_kind(extract_fr):
    article = "Selon une source proche du dossier, le contrat sera signé vendredi."
    found = find_quote(extract_fr(article), "le contrat sera signé vendredi")
    assert found.speaker_kind == "anonymous"


@pytest.mark.parametrize(
    ("article", "fragment", "speaker"),
    [
        (
            "Selon une Source proche du dossier, le contrat sera signé vendredi.",
            "le contrat sera signé vendredi",
            "source proche du dossier",
        ),
        (
            "Un porte-parole a affirmé que les négociations reprendraient lundi.",
            "les négociations reprendraient lundi",
            "porte-parole",
        ),
    ],
)
def test_a_speaker_described_is_named_without_its_indefinite_article(
    extract_fr, article, fragment, speaker
):
    assert find_quote(extract_fr(article), fragment).speaker == speaker


def test_names_lose_a_leading_elided_article(extract_fr):
    article = "L’Ukraine affirme que ses troupes ont repris le village de Robotyne."
    found = find_quote(extract_fr(article), "ses troupes ont repris")
    assert found.speaker == "Ukraine"
    assert found.speaker_mention == "L’Ukraine"


@pytest.mark.parametrize(
    "article",
    [
        "Le plan « Vigipirate » a été relevé au niveau maximal dans la région.",
        "La capsule « Dragon » s’est amarrée à la station spatiale samedi.",
        "Le film « Les Misérables » sort en salles le mois prochain.",
        "Les habitants ont surnommé le pont « la Passerelle du Vieux Port » dès son ouverture.",
    ],
)
def test_titles_and_names_in_marks_are_not_quotes(extract_fr, article):
    assert extract_fr(article) == []


def test_a_second_report_joined_by_mais_is_not_part_of_the_first(extract_fr):
    article = (
        "Le ministre a affirmé que la réforme serait maintenue, mais le syndicat assure que le "
        "texte sera retiré. Le maire a dit que Paul et Marie avaient déclaré la faillite."
    )
    found = extract_fr(article)
    assert [(item.text, item.speaker) for item in found] == [
        ("la réforme serait maintenue", "Le ministre"),
        ("le texte sera retiré", "le syndicat"),
        ("Paul et Marie avaient déclaré la faillite", "Le maire"),
    ]


def test_a_journalist_aside_is_not_a_quote(extract_fr):
    assert extract_fr("À noter que le marché a progressé de 12 % depuis janvier.") == []


def test_multi_paragraph_quote_takes_the_speaker_attributed_below(extract_fr):
    article = (
        "Le maire a pris la parole.\n\n« Nous avons tout essayé pour sauver l’usine.\n\n"
        "« Maintenant, il faut penser aux salariés », a déclaré Louis Caron."
    )
    found = extract_fr(article)
    first = find_quote(found, "Nous avons tout essayé")
    second = find_quote(found, "Maintenant, il faut penser")
    assert first.speaker == second.speaker == "Louis Caron"


def test_the_future_president_is_the_president_named_in_the_article(extract_fr):
    article = (
        "Donald Trump a gagné l’élection. Donald Trump veut réduire l’aide. "
        "Les alliés de Donald Trump se préparent.\n\n"
        "Le futur président américain a prévenu qu’il exigerait un engagement de 3 %."
    )
    found = find_quote(extract_fr(article), "il exigerait un engagement")
    assert found.speaker == "Donald Trump"


def test_a_following_sentence_can_attribute_the_previous_one(extract_fr):
    article = (
        "Le festival a perdu la moitié de son public en dix ans. "
        "Le constat amer est du directeur artistique Paul Morand."
    )
    found = find_quote(extract_fr(article), "Le festival a perdu la moitié")
    assert found.kind == "indirect"
    assert found.speaker == "Paul Morand"
    assert found.cue == "constat"


def test_comme_incise_attributes_the_quote_that_follows(extract_fr):
    article = (
        "Le texte a été adopté, bien que, comme le rappelle l’ONG Amnesty International, "
        "« aucune garantie n’a été donnée aux détenus »."
    )
    found = find_quote(extract_fr(article), "aucune garantie")
    assert found.kind == "direct"
    assert "Amnesty International" in found.speaker


def test_restrictive_ne_que_is_not_reported_speech(extract_fr):
    article = "Ces nouvelles taxes ne rapporteront que trois milliards d’euros à l’État."
    assert extract_fr(article) == []


def test_a_participle_after_a_quote_keeps_the_speaker(extract_fr):
    article = (
        "Le syndicat CGT estime que « la direction ment depuis des mois » évoquant des "
        "« promesses jamais tenues envers les salariés »."
    )
    found = find_quote(extract_fr(article), "promesses jamais tenues")
    assert "CGT" in found.speaker


def test_a_participial_clause_before_the_subject_is_not_the_speaker(extract_fr):
    article = (
        "La Syrie n’ayant pas ratifié la convention de la Cour, l’ONG a demandé au Conseil "
        "de sécurité d’adopter une résolution contraignante sur les prisons."
    )
    found = find_quote(extract_fr(article), "adopter une résolution")
    assert found.speaker == "ONG"


def test_pronoun_agrees_in_gender_with_its_antecedent(extract_fr):
    article = (
        "Isabelle Moreau dirige le laboratoire où travaille Marc Petit depuis 2010. "
        "Les résultats seront publiés en mars, précise-t-elle."
    )
    found = find_quote(extract_fr(article), "Les résultats seront publiés")
    assert found.speaker == "Isabelle Moreau"


def test_a_name_in_apposition_to_a_source_is_the_speaker(extract_fr):
    article = (
        "Selon son agent, Michel Nouvel, son état de santé s’était dégradé ces derniers jours."
    )
    found = find_quote(extract_fr(article), "son état de santé s’était dégradé")
    assert found.speaker == "Michel Nouvel"
    assert found.speaker_description == "son agent"


@pytest.mark.parametrize("source", ["l'AFP", "une enquête de Libération"])
def test_a_name_after_a_medium_or_a_document_source_is_the_contents_subject(extract_fr, source):
    article = (
        f"Selon {source}, Paul Mercier, l'ancien trésorier du club, aurait quitté la France "
        "la semaine dernière."
    )
    found = find_quote(extract_fr(article), "aurait quitté la France")
    assert found.text.startswith("Paul Mercier")
    assert found.speaker != "Paul Mercier"
    assert found.speaker_mention.endswith(source.split()[-1])


def test_a_source_inside_a_clause_does_not_cut_the_reported_content(extract_fr):
    article = (
        "Le rapport précise que ce produit est, selon lui, une substance accessible aux seuls "
        "laboratoires militaires."
    )
    found = extract_fr(article)
    assert len(found) == 1
    assert found[0].text.endswith("aux seuls laboratoires militaires")


def test_a_source_at_the_end_attributes_the_sentence_before_it(extract_fr):
    article = (
        "Le métro n’avait jamais connu un pareil désastre, selon Joseph Lhota, le président "
        "de la compagnie."
    )
    found = find_quote(extract_fr(article), "Le métro n’avait jamais connu")
    assert found.speaker == "Joseph Lhota"


# (article, fragment of a quote, expected speaker): who speaks when the mention is not a name.
SPEAKER_RESOLUTION = [
    (
        "La conférence sociale s'ouvre lundi. Pour Sophie Binet, sa secrétaire générale : "
        "« Le gouvernement doit agir vite ».",
        "Le gouvernement doit agir vite",
        "Sophie Binet",
    ),
    (
        "Le ministre du Budget, Paul Mercier, a ajouté : « Les comptes seront tenus ».",
        "Les comptes seront tenus",
        "Paul Mercier",
    ),
    (
        "Dans un entretien au Monde, l’ancien ministre Pierre Vasseur revient sur sa carrière. "
        "« J’ai servi l’État pendant trente ans. Je n’ai jamais trahi mes électeurs. Mon parti "
        "m’a oublié. Je ne lui en veux pas. Il a changé. Le pays aussi. Tant mieux », "
        "explique-t-il. Il ajoute que la gauche « a perdu le peuple ».\n\n"
        "« La politique est devenue un métier de communicants », déplore-t-il. Pour lui, les "
        "jeunes élus ne connaissent plus le terrain.",
        "les jeunes élus ne connaissent plus le terrain",
        "Pierre Vasseur",
    ),
    (
        "Dans un entretien au Monde, l’ancien ministre Pierre Vasseur revient sur sa carrière. "
        "« J’ai servi l’État pendant trente ans. Je n’ai jamais trahi mes électeurs. Mon parti "
        "m’a oublié. Je ne lui en veux pas. Il a changé. Le pays aussi. Tant mieux », "
        "explique-t-il. Il ajoute que la gauche « a perdu le peuple ».\n\n"
        "« La politique est devenue un métier de communicants », déplore-t-il.",
        "La politique est devenue",
        "Pierre Vasseur",
    ),
    (
        "Le maire Louis Garnier a visité le chantier. « Les travaux finiront en mai », "
        "prévient-il.\n\nMise à jour — 18:00 : la préfecture a confirmé la date.",
        "Les travaux finiront en mai",
        "Louis Garnier",
    ),
    (
        "Comme Sophie Lambert, élue écologiste, l’avait appelé la « maire des promoteurs », "
        "l’opposition parle de bétonnage.",
        "maire des promoteurs",
        "Sophie Lambert",
    ),
    (
        "Julien Roche, le président du club, avait appelé le ministre « le fossoyeur du "
        "football », en référence à la vente du stade.",
        "le fossoyeur du football",
        "Julien Roche",
    ),
    (
        "Selon la directrice de l’observatoire, Hélène Marchand, la comète restera visible "
        "pendant deux semaines : « Nous n’avions rien vu d’aussi brillant depuis 1997 ! »",
        "Nous n’avions rien vu",
        "Hélène Marchand",
    ),
    (
        "Le président Emmanuel Macron s’est rendu à Rouen. « Nous tiendrons nos engagements "
        "envers les salariés » s’est réjoui le président Macron devant l’usine.",
        "Nous tiendrons nos engagements",
        "Emmanuel Macron",
    ),
    (
        "Le maire Anne Hidalgo a visité le chantier.\n\nDe son côté, A. Hidalgo, même en "
        "pleine campagne pour sa réélection, fait savoir qu’elle suit de près les travaux.",
        "elle suit de près les travaux",
        "Anne Hidalgo",
    ),
    (
        "Sur son blog, Marie Caron (PS) a dénoncé un « scandale d’État qui ne restera pas "
        "impuni » après le vote.",
        "scandale d’État",
        "Marie Caron",
    ),
    (
        "À la reprise, le président du groupe, Luc Ferrand, a pris la parole. Il a demandé "
        "un rappel au règlement. « Jamais nous n’accepterons un tel mépris de nos droits ! »",
        "Jamais nous n’accepterons",
        "Luc Ferrand",
    ),
    (
        "Le rapporteur Jean Morel est intervenu en demandant une pause, afin de « calmer les "
        "esprits ».\n\nÀ la reprise, la députée Claire Vidal a pris la parole. « Vous avez "
        "piétiné notre règlement intérieur ce soir ! »",
        "Vous avez piétiné",
        "Claire Vidal",
    ),
    (
        "Marc Lenoir a défendu son choix : « La pause était légale. » Paul Giraud, président "
        "du groupe centriste, est ensuite intervenu, trouvant le « procédé absolument "
        "choquant, et indigne de notre assemblée. »",
        "procédé absolument choquant",
        "Paul Giraud",
    ),
    (
        "Les enquêteurs ont interrogé le suspect pendant dix heures. Ils estiment qu’il a agi "
        "seul.",
        "il a agi seul",
        "Les enquêteurs",
    ),
    (
        "Les syndicats ont quitté la réunion. Selon eux, la direction refuse tout compromis.",
        "la direction refuse tout compromis",
        "Les syndicats",
    ),
    (
        "Le ministre de l’Intérieur, Gérald Morin, a prévenu qu’aucune manifestation ne serait "
        "tolérée samedi.",
        "aucune manifestation ne serait tolérée",
        "Gérald Morin",
    ),
    (
        "Le gouvernement a présenté son budget mardi. Il assure que le déficit sera réduit de "
        "moitié d’ici à 2027.",
        "le déficit sera réduit",
        "gouvernement",
    ),
    (
        "Le procès s’est ouvert lundi. « Je suis innocent », a répété l’accusé devant la cour.",
        "Je suis innocent",
        "accusé",
    ),
    (
        "Le ministre de la Défense a été clair : « Aucun soldat ne sera envoyé sur place. »",
        "Aucun soldat ne sera envoyé",
        "Le ministre de la Défense",
    ),
]


# (article, expected reported content, kind): content that must never be missed.
REPORTED_CONTENT = [
    (
        "Le nombre de salariés touchés est de 12 000 selon la CFDT.",
        "Le nombre de salariés touchés est de 12 000",
        "indirect",
    ),
    (
        "La direction a confirmé mardi un plan de départs volontaires de 500 postes.",
        "un plan de départs volontaires de 500 postes",
        "indirect",
    ),
    (
        "Le maire a déclaré que le pont resterait fermé et a quitté la salle sous les huées.",
        "le pont resterait fermé",
        "indirect",
    ),
    (
        "Le ministre a estimé que la dette était trop lourde, mais a promis de ne pas "
        "augmenter les impôts.",
        "la dette était trop lourde",
        "indirect",
    ),
    (
        "Le maire a dit que le projet a échoué et a coûté cher à la commune.",
        "le projet a échoué et a coûté cher à la commune",
        "indirect",
    ),
    (
        "Le ministre Paul Roy, même en plein déplacement, fait savoir qu’il suit la crise.",
        "il suit la crise",
        "indirect",
    ),
    (
        "Le syndicat Force ouvrière fait savoir qu’il appellera à la grève lundi.",
        "il appellera à la grève lundi",
        "indirect",
    ),
    (
        "L’ONG a fait état d’arrestations massives dans la capitale depuis lundi.",
        "arrestations massives dans la capitale depuis lundi",
        "indirect",
    ),
    (
        "Les syndicats accusent la direction de vouloir fermer deux usines d’ici à juin.",
        "la direction de vouloir fermer deux usines d’ici à juin",
        "indirect",
    ),
    (
        "Le Kremlin a nié toute implication dans l’attaque du convoi humanitaire.",
        "toute implication dans l’attaque du convoi humanitaire",
        "indirect",
    ),
    (
        "L’opposition demanda hier la démission du ministre des Finances.",
        "la démission du ministre des Finances",
        "indirect",
    ),
    (
        "Des chercheurs canadiens affirment avoir identifié une nouvelle espèce de loup",
        "avoir identifié une nouvelle espèce de loup",
        "indirect",
    ),
    (
        "Le maire nie avoir reçu la moindre somme de la part du promoteur.",
        "avoir reçu la moindre somme de la part du promoteur",
        "indirect",
    ),
]


@pytest.mark.parametrize(("article", "content", "kind"), REPORTED_CONTENT)
def test_french_reported_content(extract_fr, article, content, kind):
    found = find_quote(extract_fr(article), content)
    assert found.text == content
    assert found.kind == kind


@pytest.mark.parametrize(("article", "fragment", "speaker"), SPEAKER_RESOLUTION)
def test_french_speaker_resolution(extract_fr, article, fragment, speaker):
    found = find_quote(extract_fr(article), fragment).speaker or ""
    assert found == speaker or found.lower().endswith(" " + speaker)


def test_a_colon_after_reported_content_starts_a_separate_quote(extract_fr):
    article = (
        "Selon la directrice de l’observatoire, Hélène Marchand, la comète restera visible "
        "pendant deux semaines : « Nous n’avions rien vu d’aussi brillant depuis 1997 ! »"
    )
    found = find_quote(extract_fr(article), "la comète restera visible")
    assert found.kind == "indirect"
    assert found.text == "la comète restera visible pendant deux semaines"


def test_mixed_content_before_an_inverted_attribution_is_one_span(extract_fr):
    article = (
        "L’incendie s’est déclaré vers minuit, selon les pompiers.\n\n"
        "L’alerte a été donnée peu après deux heures « quand les premiers appels sont arrivés "
        "du hall Palais Omnisports » qui peut accueillir 8 000 personnes, lors d’un concert, "
        "a indiqué un porte-parole des pompiers."
    )
    found = find_quote(extract_fr(article), "L’alerte a été donnée")
    assert found.kind == "mixed"
    assert found.text.endswith("lors d’un concert")
    assert "porte-parole" in found.speaker


@pytest.mark.parametrize(
    "article",
    [
        "Les ventes de voitures neuves accusent une baisse de 5 % sur un an.",
        "Le président a accusé réception de la lettre du syndicat.",
    ],
)
def test_a_reporting_verb_in_another_sense_reports_nothing(extract_fr, article):
    assert extract_fr(article) == []


def test_a_quote_signed_after_a_dash_names_its_speaker(extract_fr):
    article = (
        "Le poème a été lu à la fin de la cérémonie.\n"
        "« Il faut tenter de vivre, le vent se lève, et rien ne nous arrêtera. » — Paul Valéry\n"
        "La foule a applaudi."
    )
    assert find_quote(extract_fr(article), "Il faut tenter de vivre").speaker == "Paul Valéry"


def test_a_fragment_woven_into_the_sentence_keeps_the_sentences_after_it(extract_fr):
    article = (
        "Le ministre a promis de « donner à chaque famille une chance. C'est le travail "
        "de dix ans et nous en sommes fiers », avant de quitter l'hémicycle."
    )
    found = find_quote(extract_fr(article), "donner à chaque famille une chance")
    assert found.text.endswith("nous en sommes fiers")


def test_a_title_and_a_name_joined_by_et_are_two_people(extract_fr):
    article = "Le maire, Jean Dupont, et le préfet ont déclaré que la route restait fermée."
    found = find_quote(extract_fr(article), "la route restait fermée")
    assert found.speaker != "Jean Dupont"


def test_a_title_in_the_source_of_selon_is_not_a_quote(extract_fr):
    article = (
        "Selon une étude de l'Insee sur « Les revenus et le patrimoine des ménages », "
        "les inégalités ont augmenté en 2010."
    )
    found = extract_fr(article)
    assert [item.text for item in found] == ["les inégalités ont augmenté en 2010"]
    assert found[0].speaker.endswith("« Les revenus et le patrimoine des ménages »")


def test_speech_that_could_have_happened_is_not_reported(extract_fr):
    article = (
        "Ce documentaire aurait pu s'interroger sur la valeur de l'encyclopédie. "
        "Le ministre pourrait annoncer que les impôts baisseront."
    )
    assert extract_fr(article) == []


def test_a_relative_clause_after_the_source_leaves_the_content_before_it(extract_fr):
    article = (
        "Le chantier reprendra lundi prochain, d'après la mairie, qui précise que "
        "« les riverains seront prévenus par courrier »."
    )
    found = find_quote(extract_fr(article), "Le chantier reprendra")
    assert found.text == "Le chantier reprendra lundi prochain"
    assert found.speaker == "la mairie"


def test_the_noun_before_selon_lequel_is_the_source(extract_fr):
    article = (
        "Le journal a publié un rapport selon lequel trois ministres auraient menti "
        "sur leurs comptes. Le parquet n'a pas réagi."
    )
    found = find_quote(extract_fr(article), "trois ministres auraient menti")
    assert found.text == "trois ministres auraient menti sur leurs comptes"
    assert found.speaker_mention == "un rapport"


@pytest.mark.parametrize(
    ("article", "content", "speaker"),
    [
        (
            "Jean Vasseur a reconnu devant les enquêteurs avoir signé le contrat sans le lire.",
            "avoir signé le contrat sans le lire",
            "Jean Vasseur",
        ),
        (
            "La députée Anne Morel a confié vouloir « aller jusqu'au bout de son mandat », "
            "alors qu'elle avait promis de partir.",
            "vouloir « aller jusqu'au bout de son mandat »",
            "Anne Morel",
        ),
    ],
)
def test_a_bare_infinitive_after_a_reporting_verb_is_its_content(
    extract_fr, article, content, speaker
):
    found = find_quote(extract_fr(article), content[:20])
    assert found.text == content
    assert found.speaker == speaker


def test_a_reporting_verb_after_et_ends_the_content_and_keeps_the_speaker(extract_fr):
    article = (
        "Pour Lucie Garnier, la réforme, « c'est du bricolage » et réclame "
        "« une vraie concertation », avec les commerçants."
    )
    found = extract_fr(article)
    first = find_quote(found, "la réforme")
    assert first.text == "la réforme, « c'est du bricolage »"
    assert first.speaker == "Lucie Garnier"
    assert find_quote(found, "une vraie concertation").speaker == "Lucie Garnier"


def test_ce_dernier_is_the_last_person_named(extract_fr):
    article = (
        "Des élus comme Marie Lenoir ou Paul Fabre critiquent le projet, ce dernier expliquant "
        "que « la ville n'a pas les moyens de payer un tel stade »."
    )
    found = find_quote(extract_fr(article), "la ville n'a pas les moyens")
    assert found.speaker == "Paul Fabre"


def test_an_adverbial_participle_speaks_for_the_main_subject(extract_fr):
    article = (
        "Le sénateur Marc Duval n'a pas voté le texte, jugeant que le calendrier n'est pas "
        "tenable, tout en expliquant soutenir la réforme sur le fond."
    )
    found = extract_fr(article)
    assert find_quote(found, "le calendrier").text == "le calendrier n'est pas tenable"
    supported = find_quote(found, "soutenir la réforme")
    assert supported.text == "soutenir la réforme sur le fond"
    assert supported.speaker == "Marc Duval"


def test_a_quote_followed_by_a_participle_with_a_clitic_is_the_content_alone(extract_fr):
    article = (
        "La sénatrice a qualifié le projet de « faute historique », y voyant une menace qui "
        "« ruine » les petites communes."
    )
    found = find_quote(extract_fr(article), "faute historique")
    assert found.text == "faute historique"
    assert found.kind == "direct"


def test_the_content_before_selon_drops_the_writers_opening_phrase(extract_fr):
    article = (
        "Malgré les rumeurs (à Lyon, à Lille), la fuite ne serait pas d'origine criminelle "
        "selon la gendarmerie, qui précise que « les enquêteurs sont sur place »."
    )
    found = extract_fr(article)
    reported = find_quote(found, "la fuite ne serait pas")
    assert reported.text == "la fuite ne serait pas d'origine criminelle"
    assert reported.speaker == "la gendarmerie"
    assert find_quote(found, "les enquêteurs sont sur place").speaker == "la gendarmerie"


def test_a_quoted_predicate_belongs_to_the_subject_before_it(extract_fr):
    article = (
        "Le préfet a annoncé la fermeture du pont. Le maire de la commune, Henri Lebrun, est "
        "« stupéfait par une décision prise sans la moindre concertation ». "
    )
    found = find_quote(extract_fr(article), "stupéfait par une décision")
    assert found.speaker == "Henri Lebrun"


def test_selon_lesquelles_after_plain_information_names_who_gave_it(extract_fr):
    article = (
        "Le Monde a révélé mardi des éléments selon lesquels le maire aurait caché ses comptes. "
        "L'intéressé dément."
    )
    found = find_quote(extract_fr(article), "le maire aurait caché ses comptes")
    assert found.text == "le maire aurait caché ses comptes"
    assert found.speaker == "Le Monde"


def test_a_verb_coordinated_after_an_object_shares_the_first_verbs_subject(extract_fr):
    article = (
        "Le Premier ministre, Binali Yildirim, dénonce une tentative de coup d'État par un "
        "groupe de militaires et averti que ceux impliqués dans cette action « illégale » "
        "paieront « le prix le plus élevé »."
    )
    found = find_quote(extract_fr(article), "ceux impliqués dans cette action")
    assert found.speaker == "Binali Yildirim"


def test_a_long_apposition_cut_off_by_the_parser_keeps_its_name_as_subject(extract_fr):
    article = (
        "Rana Sanaullah, ministre de la Justice de la province du Pendjab où se situe Lahore "
        "(qui en est la capitale), a précisé pendant une conférence de presse que « l’explosion "
        "d’hier est un accident »."
    )
    found = find_quote(extract_fr(article), "l’explosion d’hier est un accident")
    assert found.speaker == "Rana Sanaullah"


def test_a_named_subject_after_a_participle_clause_is_not_taken_for_an_object(extract_fr):
    article = (
        "Sur RTL, rappelant que l'insécurité routière coûte « 50 milliards d'euros chaque "
        "année », Chantal Perrichon, la présidente de la Ligue contre la violence routière, a "
        "dénoncé les neutraliseurs de radar « qui se cachent derrière le mouvement » et demande "
        "que les radars « soient remplacés par des voitures banalisées »."
    )
    found = extract_fr(article)
    assert find_quote(found, "qui se cachent derrière").speaker == "Chantal Perrichon"
    assert find_quote(found, "soient remplacés par des").speaker == "Chantal Perrichon"


def test_ils_resolves_to_the_group_of_people_named_before(extract_fr):
    article = (
        "Le texte a été voté mardi par les députés à la demande de Vladimir Poutine. Cette "
        "décision a provoqué la colère des féministes ainsi que des défenseurs des droits de "
        "l'homme. Ils mettent en avant le fait que « 40 % des crimes graves se produisent en "
        "milieu familial »."
    )
    found = find_quote(extract_fr(article), "40 % des crimes graves")
    assert found.speaker == "féministes"


@pytest.mark.parametrize(
    ("opening", "speaker"),
    [
        ("Selon la Fnaut (Fédération nationale des usagers des transports)", "Fnaut"),
        ("D'après le quotidien Ouest-Matin (NDLR : proche de la majorité)", "Ouest-Matin"),
        ("Pour l'économiste Claire Vasseur (Paris-Dauphine)", "Claire Vasseur"),
    ],
)
def test_a_bracketed_aside_after_the_source_does_not_hide_the_content(extract_fr, opening, speaker):
    article = f"{opening}, les tarifs des trains régionaux augmenteront de 4 % en janvier."
    found = find_quote(extract_fr(article), "les tarifs des trains régionaux augmenteront")
    assert found.text == "les tarifs des trains régionaux augmenteront de 4 % en janvier"
    assert speaker in found.speaker


def test_pour_a_capitalised_group_introduces_its_view(extract_fr):
    article = (
        "La cabane a été incendiée dans la nuit. Pour les Gilets jaunes, il s’agirait d’un acte "
        "malveillant."
    )
    found = find_quote(extract_fr(article), "il s’agirait d’un acte malveillant")
    assert found.speaker == "les Gilets jaunes"
    assert found.cue == "pour"


def test_selon_before_mais_ends_the_content_it_attributes(extract_fr):
    article = (
        "Depuis fin mars, une centaine de personnes ont été enlevées. Trois personnes y sont "
        "décédées selon le journal, mais des témoins affirment qu'il y aurait davantage de morts."
    )
    found = find_quote(extract_fr(article), "Trois personnes y sont décédées")
    assert found.speaker == "le journal"


def test_a_sentence_cut_inside_a_hyphenated_word_is_joined_again(extract_fr):
    article = (
        "Le président est annoncé en sécurité et le chef d'état-major serait l'otage des "
        "militaires putschistes selon l'agence Anatolie."
    )
    found = find_quote(extract_fr(article), "serait l'otage des militaires")
    assert found.text.startswith("Le président est annoncé en sécurité")


def test_a_second_que_after_a_comma_opens_a_report_of_its_own(extract_fr):
    article = (
        "Vers 17h45, Eric Drouet affirme que le « geste » sur la hausse des carburants ne suffit "
        "pas, que « quelque chose de concret aurait été de remettre l’ISF »."
    )
    found = extract_fr(article)
    first = find_quote(found, "ne suffit pas")
    assert first.text == "le « geste » sur la hausse des carburants ne suffit pas"
    second = find_quote(found, "quelque chose de concret")
    assert second.text == "quelque chose de concret aurait été de remettre l’ISF"
    assert first.speaker == second.speaker == "Eric Drouet"


def test_et_que_after_an_object_opens_a_second_report(extract_fr):
    article = (
        "L'ONG Amnesty International a dénoncé le « recours excessif à la force par des "
        "policiers » lors des manifestations, et que la police a fait un usage inapproprié des "
        "flashballs."
    )
    found = find_quote(extract_fr(article), "la police a fait un usage")
    assert found.text == "la police a fait un usage inapproprié des flashballs"
    assert found.speaker == "ONG Amnesty International"


def test_que_a_et_que_b_without_comma_or_mark_is_one_report(extract_fr):
    article = (
        "Une voisine raconte que le chauffeur semblait pressé et qu'il roulait bien au-dessus "
        "de la limite autorisée."
    )
    found = find_quote(extract_fr(article), "le chauffeur semblait pressé")
    assert found.text == (
        "le chauffeur semblait pressé et qu'il roulait bien au-dessus de la limite autorisée"
    )
    assert found.speaker == "voisine"


def test_et_que_after_a_closing_mark_opens_a_second_report(extract_fr):
    article = "Le maire a répété « ne rien regretter » et que la commune ferait appel dès lundi."
    found = find_quote(extract_fr(article), "la commune ferait appel")
    assert found.text == "la commune ferait appel dès lundi"
    assert found.speaker == "Le maire"


def test_a_run_of_quotes_after_que_is_one_mixed_report(extract_fr):
    article = (
        "Le préfet a assuré que « la circulation reprendra demain », « les écoles resteront "
        "ouvertes » et « aucune route ne sera fermée »."
    )
    found = find_quote(extract_fr(article), "la circulation reprendra demain")
    assert found.kind == "mixed"
    assert found.text.endswith("« aucune route ne sera fermée »")
    assert found.speaker == "Le préfet"


def test_a_fronted_participle_reports_for_the_main_clause_and_stops_before_it(extract_fr):
    article = (
        "Dans un entretien au Parisien, rappelant que la ligne transporte « 20 000 voyageurs "
        "par jour », Marc Olivier a dénoncé la fermeture de la gare."
    )
    found = find_quote(extract_fr(article), "la ligne transporte")
    assert found.text == "la ligne transporte « 20 000 voyageurs par jour »"
    assert found.speaker == "Marc Olivier"


def test_a_participle_after_a_time_adjunct_speaks_for_the_subject_after_it(extract_fr):
    article = (
        "Vers 9h30, qualifiant de « provocation » la décision du préfet, Julie Marchand affirme "
        "ne pas vouloir céder."
    )
    found = find_quote(extract_fr(article), "provocation")
    assert found.speaker == "Julie Marchand"


def test_il_faut_dire_que_is_the_writers_voice(extract_fr):
    article = "Il faut dire que la saison a été particulièrement pluvieuse dans toute la région."
    assert extract_fr(article) == []


@pytest.mark.parametrize(
    "article",
    [
        "Les dirigeants ne peuvent pas dire ne pas avoir été prévenus de la crise.",
        "Les dirigeants du groupe ne pouvaient plus affirmer que les comptes étaient sains.",
    ],
)
def test_a_reporting_verb_after_a_negated_modal_reports_nothing(extract_fr, article):
    assert extract_fr(article) == []


@pytest.mark.parametrize(
    "article",
    [
        "Le maire a publié dimanche une vidéo intitulée « Pourquoi je ne me représenterai pas "
        "aux prochaines élections municipales ».",
        "La tempête Ciara, aussi appelée « Sabine » en Allemagne, a frappé la Bretagne mardi.",
    ],
)
def test_marks_after_a_naming_participle_hold_a_title_not_a_quote(extract_fr, article):
    assert extract_fr(article) == []


def test_marks_after_an_auxiliary_and_appele_still_hold_a_quote(extract_fr):
    article = "Le syndicat a appelé « à une grève générale et illimitée dès lundi matin »."
    found = find_quote(extract_fr(article), "grève générale")
    assert found.text == "à une grève générale et illimitée dès lundi matin"
    assert found.speaker == "Le syndicat"


@pytest.mark.parametrize(
    "article",
    [
        "Dimanche, l'association a lancé une « opération escargot sur le périphérique ».",
        "Le collectif a publié jeudi un « manifeste pour une ville apaisée ».",
    ],
)
def test_marks_after_an_article_name_what_is_launched_or_published(extract_fr, article):
    assert extract_fr(article) == []


def test_lancer_before_a_colon_still_introduces_a_quote(extract_fr):
    found = find_quote(extract_fr("Le maire a lancé : « Nous ne lâcherons rien ! »"), "lâcherons")
    assert found.text == "Nous ne lâcherons rien !"
    assert found.speaker == "Le maire"


@pytest.mark.parametrize(
    "article",
    [
        "Le ministre a accusé les journalistes lors d'une conférence de presse à Lyon.",
        "L'entreprise accuse une perte de 12 % de son chiffre d'affaires.",
    ],
)
def test_accuser_without_a_charge_reports_nothing(extract_fr, article):
    assert extract_fr(article) == []


def test_accuser_with_its_charge_reports_it(extract_fr):
    article = "L'opposition accuse le gouvernement d'avoir caché les chiffres du chômage."
    found = find_quote(extract_fr(article), "d'avoir caché")
    assert found.text == "le gouvernement d'avoir caché les chiffres du chômage"
    assert found.speaker == "opposition"


def test_a_reporting_verb_the_tagger_took_for_an_adjective_after_a_name(extract_fr):
    article = (
        "Vers 22h00, le Gilet jaune Marc Leroy critique Emmanuel Macron : « on ne le voit "
        "nulle part »."
    )
    found = find_quote(extract_fr(article), "on ne le voit nulle part")
    assert found.text == "on ne le voit nulle part"
    assert found.speaker == "Marc Leroy"


def test_pour_an_occasion_of_a_named_person_opens_no_source(extract_fr):
    article = (
        "Pour les 41 ans du président Emmanuel Macron, une cinquantaine de manifestants ont "
        "organisé un faux procès."
    )
    assert extract_fr(article) == []


@pytest.mark.parametrize(
    ("opening", "speaker"),
    [
        ("Cela dit, pour le vice-procureur", "le vice-procureur"),
        ("Pour la sociologue Anne Morel (Lille)", "Anne Morel"),
    ],
)
def test_pour_a_role_introduces_its_view(extract_fr, opening, speaker):
    article = f"{opening}, cette somme pourrait être bien plus importante."
    found = find_quote(extract_fr(article), "cette somme pourrait")
    assert found.text == "cette somme pourrait être bien plus importante"
    assert found.speaker == speaker


def test_two_quotes_in_a_row_share_the_incise_after_the_second(extract_fr):
    article = (
        "Le débat a été vif. « Nous ne céderons rien. » « Les salariés méritent mieux que cela », "
        "a répondu Paul Girard, le délégué syndical."
    )
    found = find_quote(extract_fr(article), "Nous ne céderons rien")
    assert found.speaker == "Paul Girard"


@pytest.mark.parametrize(
    "opening", ["Selon ce qu'a confié Marie Dupont à l'AFP", "Selon les propos de Marie Dupont"]
)
def test_selon_what_someone_said_names_who_said_it(extract_fr, opening):
    found = find_quote(extract_fr(f"{opening}, le projet sera abandonné à l'automne."), "projet")
    assert found.text == "le projet sera abandonné à l'automne"
    assert found.speaker == "Marie Dupont"


def test_avant_d_ajouter_continues_the_previous_sentences_subject(extract_fr):
    article = "Paul Girard a quitté la réunion. Avant d'ajouter : « Nous reviendrons demain. »"
    found = find_quote(extract_fr(article), "Nous reviendrons demain")
    assert found.speaker == "Paul Girard"


@pytest.mark.parametrize(
    ("article", "fragment", "speaker"),
    [
        (
            "Dans le journal La Croix, Cynthia Fleury, psychanalyste et philosophe, a affirmé que "
            "le mouvement a réuni des classes moyennes. Sur le RIC, elle a affirmé que la "
            "démocratie continue doit être mêlée à la représentation nationale.",
            "la démocratie continue",
            "Cynthia Fleury",
        ),
        (
            "Antoni Pastor, député-maire de Manacor, a été exclu du parti. Après une réunion avec "
            "José Ramón Bauzà, il a déclaré que la décision était injuste.",
            "la décision était injuste",
            "Antoni Pastor",
        ),
    ],
)
def test_a_pronoun_subject_skips_names_in_its_own_clauses_adjuncts(
    extract_fr, article, fragment, speaker
):
    assert find_quote(extract_fr(article), fragment).speaker == speaker


def test_a_bare_infinitive_reported_by_a_thing_is_still_content(extract_fr):
    article = (
        "Le mouvement se poursuit dans la région. Ce lundi, 162 stations-service ont indiqué "
        "être en rupture d'au moins un carburant."
    )
    found = find_quote(extract_fr(article), "être en rupture")
    assert found.text == "être en rupture d'au moins un carburant"
    assert found.cue == "indiquer"


def test_an_unquoted_clause_before_an_inverted_incise_with_a_common_noun_is_reported(extract_fr):
    """The parser hangs "conducteur" on the verb as its subject: the clause is the content and
    the noun after the verb, without the time after it, is the speaker."""
    article = (
        "La collision s'est produite à Dudelange. La victime décédée est le conducteur du train "
        "de voyageurs, a annoncé la police vers midi."
    )
    found = find_quote(extract_fr(article), "La victime décédée est le conducteur")
    assert found.kind == "indirect"
    assert found.speaker == "la police"


def test_pour_qui_after_a_source_leaves_the_clause_before_it_as_content(extract_fr):
    article = (
        "Six travailleurs ont été tués. Il s'agit de la troisième attaque depuis le début du "
        "mois dans le pays, d'après l’ONU, pour qui c'est aussi la plus meurtrière."
    )
    found = find_quote(extract_fr(article), "Il s'agit de la troisième attaque")
    assert found.speaker == "ONU"


def test_a_fronted_adjective_before_the_pronoun_is_not_the_speaker(extract_fr):
    article = "Manuel Valls a perdu. Ému, il déclare : « Je tiens à féliciter Benoît Hamon. »"
    assert find_quote(extract_fr(article), "Je tiens à féliciter").speaker == "Manuel Valls"


def test_a_sentence_with_a_pronoun_subject_passes_il_on_past_its_objects(extract_fr):
    article = (
        "Le relais était la dernière course de Usain Bolt. Depuis 2008, il a remporté neuf "
        "médailles d'or. Il rejoint ainsi le Finlandais Paavo Nurmi et l'Américain Carl Lewis. "
        "« Vous chantez mon nom, merci » a-t-il lancé à la télévision."
    )
    assert find_quote(extract_fr(article), "Vous chantez mon nom").speaker == "Usain Bolt"


def test_a_titled_subject_is_the_antecedent_rather_than_a_name_in_its_object(extract_fr):
    article = (
        "Le candidat de droite a renouvelé sa référence au suicide de Pierre Bérégovoy lors "
        "d'un discours à Nantes. « Jugez-moi sur mon parcours. » a-t-il déclaré."
    )
    assert find_quote(extract_fr(article), "Jugez-moi").speaker == "Le candidat de droite"


def test_an_auxiliary_the_tagger_missed_still_joins_the_verb_to_its_subject(extract_fr):
    article = (
        "Vers 9h00, la ministre du Travail, Muriel Pénicaud a twitté que « 41 000 salariés "
        "sont en activité partielle. »"
    )
    found = find_quote(extract_fr(article), "41 000 salariés")
    assert found.speaker == "Muriel Pénicaud"


def test_a_day_after_the_inverted_verb_is_not_part_of_the_speaker(extract_fr):
    article = (
        "Emmanuel Macron lancera les consultations le 17 avril pour débattre de l'avenir de "
        "l'Europe, a indiqué ce vendredi l'Élysée."
    )
    found = find_quote(extract_fr(article), "lancera les consultations")
    assert found.speaker == "Élysée"


def test_a_name_in_apposition_before_the_verb_introduces_the_colon_quote(extract_fr):
    """The parser takes the object "l'appel" for the subject and the quoted programme title
    for another; the archbishop named before the verb speaks."""
    article = (
        "Vers 10h00, dans l'émission « Le grand rendez-vous » diffusé sur Europe1, l'archevêque "
        "de Paris, Michel Aupetit, a expliqué l'appel lancé par la Conférence des évêques : "
        "« on a 13 000 paroisses, des lieux d'aumônerie. »"
    )
    found = find_quote(extract_fr(article), "13 000 paroisses")
    assert found.speaker == "Michel Aupetit"
    assert found.speaker_description == "l'archevêque de Paris"


def test_a_person_named_after_the_verb_without_a_comma_reports_the_clause_before(extract_fr):
    article = (
        "Le budget a augmenté. Les effectifs des policiers vont augmenter de 2 500 postes en "
        "2019 assure Christophe Castaner. Pour les lieux de vie, 300 millions ont été budgétisés."
    )
    found = find_quote(extract_fr(article), "Les effectifs des policiers")
    assert found.text == "Les effectifs des policiers vont augmenter de 2 500 postes en 2019"
    assert found.speaker == "Christophe Castaner"


@pytest.mark.parametrize(
    ("article", "expected"),
    [
        (
            # The parser starts a sentence at "Le Bon Marché": no punctuation ends one there.
            "Vers 21h00, France 2 a annoncé qu'un homme a été arrêté après avoir vendu sur le "
            "site internet Le Bon Marché, des montres volées près de la gare de Lyon.",
            "un homme a été arrêté après avoir vendu sur le site internet Le Bon Marché, des "
            "montres volées près de la gare de Lyon",
        ),
        (
            # … and at the hyphen of "ronds-points".
            "Vers 19h30, la préfète a affirmé qu'il reste un peu plus de 300 ronds-points "
            "occupés par les manifestants.",
            "il reste un peu plus de 300 ronds-points occupés par les manifestants",
        ),
    ],
)
def test_a_sentence_the_parser_cut_without_punctuation_goes_on(extract_fr, article, expected):
    found = find_quote(extract_fr(article), expected[:30])
    assert found.text == expected


@pytest.mark.parametrize(
    ("article", "expected", "speaker"),
    [
        (
            "En matière de sécurité, le maire a annoncé depuis mardi le recrutement de 40 agents "
            "et l'ouverture d'un poste de police à Nantes.",
            "le recrutement de 40 agents et l'ouverture d'un poste de police à Nantes",
            "le maire",
        ),
        (
            # The parser hangs the object on the participle of the adjunct.
            "Ce mardi, la société lyonnaise Biotex a annoncé dans un communiqué publié sur son "
            "site internet sa décision de fermer son usine de Vénissieux pour la fin de l'année.",
            "sa décision de fermer son usine de Vénissieux pour la fin de l'année",
            "Biotex",
        ),
        (
            # "indiquer" and "affirmer" take a noun phrase too; here the parser reads the
            # object as an adjunct of a relative clause.
            "Plus tôt dans la journée, la ministre de la Santé, Claire Dubois, avait indiqué sur "
            "Twitter l'ouverture de 40 nouveaux centres de vaccination.",
            "l'ouverture de 40 nouveaux centres de vaccination",
            "Claire Dubois",
        ),
        (
            "Jean Morel était déjà connu. En 2015, il avait affirmé publiquement sa volonté de "
            "fermer la mine de charbon de la commune.",
            "sa volonté de fermer la mine de charbon de la commune",
            "Jean Morel",
        ),
        (
            "La firme a également annoncé un plan de suppression de 300 postes d'ici 2022.",
            "un plan de suppression de 300 postes d'ici 2022",
            "firme",
        ),
    ],
)
def test_a_noun_phrase_object_after_an_adjunct_is_the_content(
    extract_fr, article, expected, speaker
):
    found = find_quote(extract_fr(article), expected[:25])
    assert found.text == expected
    assert speaker in found.speaker


def test_an_object_ends_at_the_full_stop_before_the_next_quote(extract_fr):
    article = (
        "Les Français fêtaient déjà leur victoire quand le jury a annoncé leur disqualification "
        "pour un départ anticipé de Paul Martin. « On nous a dit que le départ était faux. Je "
        "ne comprends pas », a commenté Martin."
    )
    found = extract_fr(article)
    report = find_quote(found, "leur disqualification")
    assert report.text == "leur disqualification pour un départ anticipé de Paul Martin"
    assert report.speaker == "le jury"
    assert find_quote(found, "On nous a dit").speaker == "Paul Martin"


@pytest.mark.parametrize(
    ("article", "quoted", "speaker"),
    [
        (
            "La réforme a été votée mardi. Le syndicat Solidaires y voit pour sa part une "
            "« provocation inacceptable » de la direction.",
            "provocation inacceptable",
            "Solidaires",
        ),
        (
            "La décision a fait réagir le quotidien Libération qui y voit un « tournant "
            "historique » voulu par le gouvernement.",
            "tournant historique",
            "Libération",
        ),
    ],
)
def test_y_voir_reports_its_object(extract_fr, article, quoted, speaker):
    """The quoted words after the article are the report (with the writer's words after them
    when those hold a verb); the aside "pour sa part" is not."""
    found = find_quote(extract_fr(article), quoted)
    assert not found.text.startswith("sa part")
    assert speaker in found.speaker


@pytest.mark.parametrize(
    ("article", "expected", "speaker"),
    [
        (
            # Gendarmes, firefighters, residents and web users are people who speak.
            "La tempête approche. Depuis plusieurs jours, les gendarmes leur demandaient de "
            "quitter le camping.",
            "quitter le camping",
            "les gendarmes",
        ),
        (
            # "menacer de" + infinitive: the threat is reported content.
            "Le chantier est bloqué. Les riverains menacent de porter plainte contre la mairie.",
            "porter plainte contre la mairie",
            "Les riverains",
        ),
    ],
)
def test_an_infinitive_after_de_is_reported_by_people(extract_fr, article, expected, speaker):
    found = find_quote(extract_fr(article), expected)
    assert found.text == expected
    assert found.speaker == speaker


def test_pour_after_car_opens_a_source_and_lui_is_the_subject_named_in_apposition(extract_fr):
    article = (
        "La préfète Anne Morel a parlé à midi. Vers 20h00, le député Paul Lenoir a été exclu du "
        "groupe centriste, pour avoir voté contre le budget, car pour lui, la colère des "
        "agriculteurs n’est pas à prendre à la légère."
    )
    found = find_quote(extract_fr(article), "la colère des agriculteurs")
    assert found.text == "la colère des agriculteurs n’est pas à prendre à la légère"
    assert found.speaker == "Paul Lenoir"


def test_pour_with_an_infinitive_is_a_purpose_not_a_new_source(extract_fr):
    article = (
        "Vers 18h15, pour Marc Duval, ce que montre cette crise c'est une classe moyenne "
        "oubliée, des travailleurs pauvres, pour reprendre les mots d'un géographe, qui vivent "
        "loin des villes."
    )
    found = find_quote(extract_fr(article), "ce que montre cette crise")
    assert found.text.endswith("qui vivent loin des villes")
    assert found.speaker == "Marc Duval"


def test_ainsi_right_after_the_verb_leaves_que_opening_the_content(extract_fr):
    article = (
        "Le quotidien belge Le Soir estime ainsi que la réforme des retraites pourrait "
        "provoquer une crise politique majeure."
    )
    found = find_quote(extract_fr(article), "la réforme des retraites")
    assert found.text == "la réforme des retraites pourrait provoquer une crise politique majeure"
    assert "Le Soir" in found.speaker


def test_a_subject_the_parser_cut_off_still_makes_the_clause_before_selon(extract_fr):
    """The parser reads "La | Chine | a vu …" as three sentences after the dateline."""
    article = (
        "Chine : les exportations reculent\n\n12 février 2019. –\nLa Chine a vu ses exportations "
        "baisser fortement en janvier selon les chiffres provisoires des douanes. Le pays reste "
        "le premier exportateur mondial."
    )
    found = find_quote(extract_fr(article), "exportations baisser")
    assert found.text == "La Chine a vu ses exportations baisser fortement en janvier"
    assert "douanes" in found.speaker


def test_a_quoted_apposition_between_the_name_and_the_verb(extract_fr):
    article = (
        "Vers 9h00, Julien Marchand, « Gilet jaune libre » a affirmé ne pas être convaincu par "
        "les annonces du gouvernement et lui demande de retirer la taxe."
    )
    found = find_quote(extract_fr(article), "ne pas être convaincu")
    assert found.speaker == "Julien Marchand"


def test_a_coordinated_verb_takes_the_name_before_the_first_verb(extract_fr):
    """The parser gives "a quitté" no subject; the name before it is the subject of both."""
    article = (
        "Vers 9h00, Julien Marchand, « Gilet jaune libre » a quitté la réunion de la préfecture "
        "avant la fin des discussions et réclame « la baisse des taxes sur le gazole »."
    )
    found = find_quote(extract_fr(article), "la baisse des taxes")
    assert found.speaker == "Julien Marchand"


def test_a_named_source_with_its_party_in_brackets(extract_fr):
    article = (
        "Le nouveau nom sera validé en octobre. « Ce choix donne une identité forte à la région » "
        "selon le président du conseil régional, Marc Lefort (PS), qui se réjouit d'un vote "
        "« massif » des habitants."
    )
    found = find_quote(extract_fr(article), "Ce choix donne")
    assert found.speaker == "Marc Lefort"
    assert found.kind == "direct"


def test_a_name_the_ner_took_for_an_organisation_after_a_role_is_a_person(extract_fr):
    """The NER types "Staffan Nyberg" as an organisation; after "L'entraineur parisien," it is
    the coach, so "a-t-il expliqué" goes to him and not to the other coach named before."""
    article = (
        "L'entraineur de Nantes, Pierre Morel, espère que la victoire fera émerger un nouveau "
        "groupe. L'entraineur parisien, Staffan Nyberg, juge que la défaite doit servir de leçon "
        "à son équipe. « Nous avons manqué d'envie en attaque et en défense » a-t-il expliqué."
    )
    found = find_quote(extract_fr(article), "Nous avons manqué")
    assert found.speaker in ("Staffan Nyberg", "entraineur parisien")


def test_selon_les_informations_du_journal_names_the_paper(extract_fr):
    article = (
        "Le quotidien a enquêté sur place. Trois personnes seraient mortes selon les "
        "informations du journal, mais des témoins parlent de dix morts."
    )
    found = find_quote(extract_fr(article), "Trois personnes seraient mortes")
    assert found.speaker == "journal"


def test_a_passive_verb_before_a_colon_introduces_no_block_quote(extract_fr):
    """A sentencing, not a report: the paragraph after the colon is the journalist's."""
    article = (
        "Mardi, à Valence, quatre manifestants ont été condamnés à du sursis :\n\n"
        "Dans la soirée, le préfet a reçu une délégation de commerçants du centre-ville.\n"
    )
    assert [quote.text for quote in extract_fr(article) if "préfet" in quote.text] == []


def test_a_quoted_charge_after_a_preposition_is_not_a_quote(extract_fr):
    article = (
        "L'ancien maire de Brest, Yves Morvan, a été placé en garde à vue mardi pour "
        "« abus de confiance et prise illégale d'intérêts » dans le cadre de l'enquête."
    )
    assert [quote.text for quote in extract_fr(article) if "abus" in quote.text] == []


@pytest.mark.parametrize(
    "article",
    [
        "D'après Marie Lenoir, la présidente de l'association des riverains, le chantier "
        "aurait pris six mois de retard.",
        "Selon Marie Lenoir, présidente de l'association des riverains, le chantier aurait "
        "pris six mois de retard.",
    ],
)
def test_the_role_after_the_named_source_is_not_content(extract_fr, article):
    found = find_quote(extract_fr(article), "six mois de retard")
    assert found.text == "le chantier aurait pris six mois de retard"
    assert found.speaker == "Marie Lenoir"


def test_quoted_words_opening_an_object_without_a_verb_after_them_are_quoted_alone(extract_fr):
    article = (
        "Dans sa lettre, la maire dénonce l'« inertie » de l'État face à la hausse des loyers "
        "dans le centre historique."
    )
    found = extract_fr(article)
    assert [quote.text for quote in found if "inertie" in quote.text] == ["inertie"]
    assert find_quote(found, "inertie").speaker == "la maire"


@pytest.mark.parametrize(
    ("article", "content"),
    [
        (
            "Le maire, Paul Fabre, se dit cependant satisfait du compromis trouvé avec l'État.",
            "satisfait du compromis trouvé avec l'État",
        ),
        (
            "La sénatrice Anne Morel s'est dite pourtant contre la fermeture du tribunal de Dole.",
            "contre la fermeture du tribunal de Dole",
        ),
    ],
)
def test_a_stance_after_se_dire_and_an_adverb_is_content(extract_fr, article, content):
    found = find_quote(extract_fr(article), content.split()[0])
    assert found.text == content
    assert found.kind == "indirect"


def test_a_participle_report_ends_where_the_main_clause_begins(extract_fr):
    article = (
        "Le maire a lu le tract du collectif affirmant qu'il avait reçu de l'argent du "
        "promoteur, il a aussitôt quitté la réunion."
    )
    found = find_quote(extract_fr(article), "reçu de l'argent")
    assert found.text == "il avait reçu de l'argent du promoteur"


def test_a_participle_opening_the_sentence_reports_for_the_main_subject(extract_fr):
    article = (
        "La ministre Claire Dubois est arrivée à Lille à midi. Estimant que la grève était "
        "injustifiée, elle a refusé de recevoir les syndicats."
    )
    found = find_quote(extract_fr(article), "la grève était injustifiée")
    assert found.text == "la grève était injustifiée"
    assert found.speaker == "Claire Dubois"


def test_a_verbless_phrase_before_selon_is_what_the_source_says(extract_fr):
    article = (
        "Le cortège, 4 000 personnes selon la préfecture, 12 000 selon les syndicats, a "
        "traversé le centre de Nantes sans incident."
    )
    found = extract_fr(article)
    assert find_quote(found, "4 000").text == "4 000 personnes"
    assert "préfecture" in find_quote(found, "4 000").speaker
    assert find_quote(found, "12 000").text == "12 000"
    assert not [quote for quote in found if "traversé" in quote.text]


def test_a_cited_headline_is_not_a_quote(extract_fr):
    article = (
        "Le maire a démissionné lundi soir. Source : Le Courrier, 4 mai 2017 — « Vallon : le "
        "maire quitte ses fonctions après le vote du budget »"
    )
    assert [quote.text for quote in extract_fr(article) if "Vallon" in quote.text] == []


def test_pour_after_a_quote_inside_the_sentence_opens_no_source(extract_fr):
    article = (
        "La directrice Hélène Roche a expliqué que la fermeture n'était pas « facile » pour "
        "l'équipe, mais qu'elle « ne pouvait plus attendre une décision de Paris »."
    )
    found = find_quote(extract_fr(article), "la fermeture")
    assert found.text.endswith("« ne pouvait plus attendre une décision de Paris »")
    assert found.speaker == "Hélène Roche"


def test_quoted_words_then_the_writers_phrase_up_to_a_comma_are_quoted_alone(extract_fr):
    article = (
        "Le maire Paul Fabre a dit « non » au projet de parking du centre, estimant que la "
        "ville manquait d'argent."
    )
    found = extract_fr(article)
    assert [quote.text for quote in found if "non" in quote.text.split()] == ["non"]
    assert find_quote(found, "manquait d'argent").speaker == "Paul Fabre"


def test_an_adverb_before_selon_is_not_what_the_source_says(extract_fr):
    article = (
        "Les premiers relevés montrent, toujours selon la préfecture, que le feu a été allumé "
        "volontairement dans la nuit."
    )
    assert [quote.text for quote in extract_fr(article) if quote.text == "toujours"] == []


def test_the_agent_of_a_bare_participle_is_not_who_il_is(extract_fr):
    """ "arrêtés par Julien Roussel" qualifies a noun: unlike the agent of a passive verb, it
    is no subject, so the pronoun goes back to the coach."""
    article = (
        "L'entraîneur nantais, Paul Marchand, a salué la victoire. Interrogé sur les nombreux "
        "tirs arrêtés par Julien Roussel, il explique que l'équipe a manqué de lucidité."
    )
    assert find_quote(extract_fr(article), "l'équipe a manqué").speaker == "Paul Marchand"


@pytest.mark.parametrize(
    ("article", "fragment", "speaker"),
    [
        (
            "Le rapport a été publié lundi. Monsanto ne reconnaît pas ces conclusions, qu'il "
            "qualifie de « mensongères ».",
            "mensongères",
            "Monsanto",
        ),
        (
            "Les ventes ont chuté de 10 %. Renault a annoncé un plan d'économies, et il a "
            "précisé que les usines resteraient ouvertes.",
            "les usines resteraient ouvertes",
            "Renault",
        ),
    ],
)
def test_a_company_subject_is_il_in_its_own_sentence(extract_fr, article, fragment, speaker):
    assert find_quote(extract_fr(article), fragment).speaker == speaker


@pytest.mark.parametrize(
    ("article", "fragment", "speaker"),
    [
        (
            "Me Julie Besson, l'avocate de Marc Dupont, a déclaré que son client était innocent.",
            "son client était innocent",
            "Julie Besson",
        ),
        (
            "Le président mexicain Enrique Peña Nieto a dénoncé mercredi la décision et s'est "
            "engagé à défendre les migrants.",
            "défendre les migrants",
            "Enrique Peña Nieto",
        ),
    ],
)
def test_a_name_the_parser_cut_in_two_is_the_whole_name(extract_fr, article, fragment, speaker):
    assert find_quote(extract_fr(article), fragment).speaker == speaker


@pytest.mark.parametrize(
    ("article", "fragment", "speaker"),
    [
        (
            "L'avocat de Marc Dupont a déclaré que son client était innocent.",
            "son client était innocent",
            "avocat de Marc Dupont",
        ),
        (
            "L'avocat de Marc Dupont, Me Jean Martin, a déclaré que son client était innocent.",
            "son client était innocent",
            "Jean Martin",
        ),
        (
            "« Il est innocent », a déclaré l'avocat de Marc Dupont, Me Jean Martin.",
            "Il est innocent",
            "Jean Martin",
        ),
        (
            "« Il est innocent », ont déclaré les avocats de Marc Dupont.",
            "Il est innocent",
            "les avocats de Marc Dupont",
        ),
        (
            "Un avocat de Marc Dupont a déclaré que son client était innocent.",
            "son client était innocent",
            "avocat de Marc Dupont",
        ),
        (
            "« Nous sommes prêts », a déclaré dimanche au Parisien la ministre Élisabeth Borne.",
            "Nous sommes prêts",
            "Élisabeth Borne",
        ),
    ],
)
def test_a_role_held_for_someone_named_speaks_for_itself(extract_fr, article, fragment, speaker):
    """The lawyer's words are not the client's: the speaker is the lawyer, by name if given."""
    assert find_quote(extract_fr(article), fragment).speaker == speaker


def test_the_afternoon_is_no_source(extract_fr):
    """ "d'après midi" written without its hyphen is a time, not "d'après" + a source."""
    article = "En fin d’après midi, à Guéret, les manifestants ont quitté le rond-point."
    assert extract_fr(article) == []


def test_a_time_is_no_speaker(extract_fr):
    article = (
        "Des émeutes ont éclaté dans la journée, demandant à ce que le président parte du pouvoir."
    )
    assert find_quote(extract_fr(article), "le président parte").speaker is None


def test_a_capitalised_time_word_can_name_a_speaker(extract_fr):
    article = "Le Matin a révélé mardi que le ministre avait démissionné."
    assert find_quote(extract_fr(article), "le ministre avait démissionné").speaker == "Le Matin"


def test_a_past_participle_opening_the_sentence_is_passive(extract_fr):
    article = (
        "Le billet de 500 euros disparaîtra. Accusé de faire le bonheur des trafiquants, il est "
        "même surnommé le « Ben Laden »."
    )
    assert all("trafiquants" not in found.text for found in extract_fr(article))


def test_a_fronted_participle_keeps_the_clause_the_parser_hung_on_the_main_verb(extract_fr):
    article = (
        "Des photos montrent une foule plus importante en 2009.\n\nAffirmant qu'il n'existait "
        "pas de chiffres officiels pour la foule de vendredi, il a critiqué la comparaison faite "
        "par les médias, qu'il a qualifiée de « honteuse »."
    )
    found = find_quote(extract_fr(article), "il n'existait pas de chiffres officiels")
    assert found.cue == "affirmer"


@pytest.mark.parametrize(
    ("article", "content"),
    [
        (
            "La ministre de la Culture a annoncé la fermeture du musée d'Orsay après trois jours "
            "de grève.",
            "la fermeture du musée d'Orsay",
        ),
        (
            "Le gouvernement a annoncé la suppression de la taxe d'habitation en présentant son "
            "budget mardi.",
            "la suppression de la taxe d'habitation",
        ),
        (
            "Le préfet a confirmé la fermeture de trois écoles samedi matin.",
            "la fermeture de trois écoles",
        ),
    ],
)
def test_a_time_adjunct_after_a_noun_object_is_not_content(extract_fr, article, content):
    """ "après …", "en présentant …", "samedi matin" say when the verb happened, not what."""
    assert find_quote(extract_fr(article), content).text == content


def test_que_after_the_name_told_opens_the_content(extract_fr):
    """ "a expliqué à Jean-Michel Larqué qu'…": after a name, "que" is no relative pronoun."""
    article = "Le joueur a expliqué à Jean-Michel Larqué qu'il avait joué blessé."
    found = find_quote(extract_fr(article), "il avait joué blessé")
    assert (found.speaker, found.cue) == ("Le joueur", "expliquer")


@pytest.mark.parametrize(
    ("article", "content", "kind", "cue"),
    [
        (
            "Le procureur évoque un bilan provisoire de douze morts.",
            "un bilan provisoire de douze morts",
            "indirect",
            "évoquer",
        ),
        (
            "La gendarmerie parle de plusieurs dizaines de blessés dans la vallée.",
            "plusieurs dizaines de blessés dans la vallée",
            "indirect",
            "parler de",
        ),
        (
            "Les syndicats parlent des conditions de travail déplorables dans les entrepôts.",
            "conditions de travail déplorables dans les entrepôts",
            "indirect",
            "parler de",
        ),
        ("Le ministre parle d'une « trahison » des syndicats.", "trahison", "direct", "parler de"),
        (
            "Des habitants évoquent une très forte explosion et la mairie demande aux riverains "
            "de rester chez eux.",
            "une très forte explosion",
            "indirect",
            "évoquer",
        ),
    ],
)
def test_evoquer_and_parler_de_report_a_noun_phrase(extract_fr, article, content, kind, cue):
    """What is evoked or spoken of is the content; words in marks after an article stand alone,
    and "et" with a subject and a verb of its own ends it."""
    found = find_quote(extract_fr(article), content)
    assert (found.text, found.kind, found.cue) == (content, kind, cue)


@pytest.mark.parametrize(
    "article",
    [
        "Le chanteur a fait parler de lui lors du festival de Cannes.",
        "En parlant des migrants, le texte prévoit trois mesures nouvelles.",
        "Comme annoncé mardi, le gouvernement baissera les impôts des ménages modestes.",
    ],
)
def test_a_topic_or_an_earlier_mention_is_no_report(extract_fr, article):
    """ "parler de lui", "en parlant de X" (speaking of) and "comme annoncé" report nothing."""
    assert extract_fr(article) == []


@pytest.mark.parametrize(
    ("article", "name"),
    [
        (
            "Vers 9h00, le site internet « Union Debout 12 » a publié un communiqué qui affirme "
            "que le préfet ment.",
            "Union Debout 12",
        ),
        (
            "Le ministre a répondu à la pétition « Pour la gratuité des transports ! » lancée par "
            "Marie Dubois, une étudiante.",
            "Pour la gratuité des transports",
        ),
        (
            "La préfecture a déclenché la « cellule de crise contre les inondations » (CCI) dans "
            "la nuit.",
            "cellule de crise",
        ),
    ],
)
def test_a_name_in_marks_is_no_quote(extract_fr, article, name):
    """A capitalised quote right after "site", "pétition", "groupe" …, or one an acronym in
    brackets spells out, names something; "lancée par X" is who launched it, not a speaker."""
    assert all(name not in found.text for found in extract_fr(article))


def test_souhaiter_reports_words_in_marks_or_a_que_clause(extract_fr):
    """ "souhaite « bon courage »" and "souhaite que …" are reported; "souhaite racheter X" is
    an intention, and "et souhaiter …" inside a reported infinitive does not end it."""
    found = extract_fr("À la fin du match, l'entraîneur souhaite « bon courage » à son adversaire.")
    assert find_quote(found, "bon courage").cue == "souhaiter"
    found = extract_fr("La ministre souhaite que la loi soit votée avant l'été.")
    assert find_quote(found, "la loi soit votée").speaker == "La ministre"
    assert extract_fr("Le groupe souhaite racheter son concurrent allemand.") == []
    found = extract_fr("Le maire a affirmé ne pas être candidat et souhaiter rester à Lyon.")
    assert find_quote(found, "ne pas être candidat").text.endswith("rester à Lyon")


def test_a_participle_after_avoir_is_a_verb_whatever_its_tag(extract_fr):
    """ "a twitté :": the tagger may call "twitté" a name; after "a" it is the reporting verb."""
    found = extract_fr("La porte-parole du gouvernement a twitté : nous ne céderons pas.")
    assert find_quote(found, "nous ne céderons pas").cue == "twitter"


@pytest.mark.parametrize(
    "article",
    [
        "À Rennes, les policiers ont évacué le campement, trois militants ont été interpellés.",
        "Le projet a été rejeté par le Sénat, 60 % des élus soutiennent pourtant la réforme.",
        "Le directeur avait démenti et rassuré la ministre Claire Dubois, qui l'avait défendu.",
    ],
)
def test_a_clause_after_a_comma_that_narrates_is_no_incise(extract_fr, article):
    """A passive verb, a verb with its own object or a relative clause after a comma goes on
    with the narration; it does not report the clause before it."""
    assert extract_fr(article) == []


def test_a_subject_and_verb_after_a_comma_still_report_the_clause_before(extract_fr):
    found = find_quote(extract_fr("La réunion est annulée, le maire l'a confirmé."), "annulée")
    assert (found.speaker, found.cue) == ("le maire", "confirmer")


@pytest.mark.parametrize(
    ("article", "content"),
    [
        ("Le ministre a annoncé sa démission.", "sa démission"),
        ("Les pompiers évoquent un incendie.", "un incendie"),
    ],
)
def test_a_two_word_object_that_says_what_is_content(extract_fr, article, content):
    """A possessive or indefinite article and a noun say something new."""
    assert find_quote(extract_fr(article), content).text == content


@pytest.mark.parametrize(
    "article",
    [
        "La ministre a annoncé la nouvelle.",
        "Le porte-parole a nié leur version.",
        "Le patron va proposer son départ au conseil.",
        "Le patron doit annoncer jeudi la fermeture de trois usines en France.",
    ],
)
def test_an_object_referring_back_or_speech_to_come_is_no_report(extract_fr, article):
    """ "la nouvelle", "leur version" refer back to what was said; "va proposer", "doit
    annoncer" tell of speech not yet made."""
    assert extract_fr(article) == []


@pytest.mark.parametrize(
    ("article", "quoted"),
    [
        (
            "Le chanteur, que la presse qualifie de « roi de la pop », a été hospitalisé lundi "
            "à Paris.",
            "roi de la pop",
        ),
        (
            "L'homme interpellé pour avoir menacé de « faire sauter la mairie », a été placé en "
            "garde à vue.",
            "faire sauter la mairie",
        ),
    ],
)
def test_the_main_predicate_after_a_quote_is_not_content(extract_fr, article, quoted):
    """A finite verb with no subject of its own after the comma that closes the quote goes on
    with the sentence the report sits in: the quote alone is reported."""
    found = extract_fr(article)
    assert [item.text for item in found] == [quoted]


@pytest.mark.parametrize(
    ("article", "quoted"),
    [
        (
            "La maire a qualifié la fête de « réussite totale », dont les recettes iront aux "
            "écoles.",
            "réussite totale",
        ),
        (
            "Le syndicat a jugé l'annonce « bien trop tardive », de même que les mesures prises "
            "en mai étaient insuffisantes.",
            "bien trop tardive",
        ),
    ],
)
def test_dont_or_de_meme_que_after_a_quote_are_the_writers(extract_fr, article, quoted):
    assert [item.text for item in extract_fr(article)] == [quoted]


def test_a_participle_of_a_noun_after_a_quoted_object_is_the_writers(extract_fr):
    """ "l'« inertie » de la mairie face aux trafics signalés …": "signalés" qualifies a noun; the
    writer's phrase has no verb of its own, so the quoted word alone is reported."""
    article = (
        "Les habitants dénoncent l'« inertie » de la mairie face aux trafics signalés dans le "
        "quartier."
    )
    assert [item.text for item in extract_fr(article)] == ["inertie"]


@pytest.mark.parametrize(
    ("article", "content", "speaker"),
    [
        (
            "Selon Paul Martin, qui a dirigé l'enquête pendant deux ans, le suspect aurait agi "
            "seul.",
            "le suspect aurait agi seul",
            "Paul Martin",
        ),
        (
            "En effet, selon le commandant Luc Roy, de la brigade fluviale de Lyon, « la crue "
            "est exceptionnelle ».",
            "la crue est exceptionnelle",
            "Luc Roy",
        ),
        (
            "Selon Paul Martin, de nombreux habitants, inquiets, ont quitté la ville.",
            "de nombreux habitants, inquiets, ont quitté la ville",
            "Paul Martin",
        ),
    ],
)
def test_words_describing_a_source_opening_the_sentence_are_not_content(
    extract_fr, article, content, speaker
):
    """After "selon X," a relative clause or the body X belongs to ("de la brigade …") describes
    the source; with nothing said before it, the content follows them."""
    found = find_quote(extract_fr(article), content)
    assert (found.text, found.speaker) == (content, speaker)


@pytest.mark.parametrize(
    "article",
    [
        "Il faut rappeler que peu de salariés portent plainte, et que la plupart des dossiers "
        "sont classés.",
        "Tout le monde sait que le syndicat soutient la réforme et que le patronat s'y oppose.",
    ],
)
def test_et_que_after_a_verb_inside_a_que_clause_goes_with_the_first_que(extract_fr, article):
    """ "sait que A soutient X et que B": the second "que" is coordinated with the first, not a
    report of the verb inside the first clause."""
    assert extract_fr(article) == []


def test_et_que_inside_a_report_stays_with_it(extract_fr):
    article = "Le maire affirme que le club soutient le projet et que les travaux commenceront."
    found = find_quote(extract_fr(article), "le club soutient le projet")
    assert (found.speaker, found.cue) == ("Le maire", "affirmer")
    assert found.text.endswith("les travaux commenceront")


@pytest.mark.parametrize(
    "article",
    [
        "Des milliers de manifestants ont défilé contre le ministre, accusé de corruption et de "
        "fraude fiscale.",
        "Annoncée le 3 mai dernier, l'arrivée de Paul Roy devait se faire le 19 mai.",
    ],
)
def test_a_bare_participle_describing_a_noun_reports_nothing(extract_fr, article):
    """In apposition after a comma, or fronted at the start of the sentence, a past participle
    with no auxiliary says what befell the noun, not what anyone said."""
    assert extract_fr(article) == []


def test_applaudir_is_a_reporting_verb(extract_fr):
    found = extract_fr("Le ministre applaudit « une victoire historique » des négociateurs.")
    assert find_quote(found, "une victoire historique").cue == "applaudir"


@pytest.mark.parametrize(
    "article",
    [
        "Les deux présidents ont évoqué la situation en Syrie et la question des réfugiés.",
        "Le ministre a parlé de l'avenir de la filière lors de sa visite.",
    ],
)
def test_a_topic_evoked_or_spoken_of_is_no_report(extract_fr, article):
    """ "ont évoqué la situation en Syrie": a definite topic noun says what was talked about."""
    assert extract_fr(article) == []


def test_an_indefinite_topic_noun_is_still_a_claim(extract_fr):
    found = extract_fr("La police parle d'une affaire de règlement de comptes.")
    assert find_quote(found, "une affaire de règlement de comptes").cue == "parler de"


@pytest.mark.parametrize(
    ("article", "fragment", "speaker"),
    [
        # A posting place, not a name: the quote stays.
        (
            "Le syndicat a écrit sur son compte Twitter « Nous ne lâcherons rien face au "
            "gouvernement ».",
            "Nous ne lâcherons rien",
            "Le syndicat",
        ),
        # Past narration, not speech to come.
        (
            "Le gouvernement devait préciser plus tard que la mesure serait temporaire.",
            "la mesure serait temporaire",
            "Le gouvernement",
        ),
        # An aside inside the reported clause does not end it.
        (
            "Le syndicat affirme que « les petites retraites », comme celles des agriculteurs, "
            "seront les plus touchées.",
            "seront les plus touchées",
            "Le syndicat",
        ),
        # The elided body of a source.
        (
            "Selon Jean Roy, d'Amnesty International, « la situation empire chaque jour ».",
            "la situation empire chaque jour",
            "Jean Roy",
        ),
        # A role that only contains "chef d'état" is not the president.
        (
            "Le président Emmanuel Macron est arrivé à Berlin. Le chef d'état-major des armées a "
            "déclaré que la mission continuerait.",
            "la mission continuerait",
            "Le chef d'état-major des armées",
        ),
        # A deadline is part of what was announced.
        (
            "La direction a annoncé la fermeture de l'usine avant la fin de l'année.",
            "avant la fin de l'année",
            "La direction",
        ),
    ],
)
def test_a_rule_stays_within_its_construction(extract_fr, article, fragment, speaker):
    assert find_quote(extract_fr(article), fragment).speaker == speaker


def test_a_relative_clause_after_a_named_object_is_no_report(extract_fr):
    assert not extract_fr("Le président a salué Jean Dupont qu'il a nommé Premier ministre mardi.")


def test_the_sentences_of_a_long_quote_do_not_hide_its_speaker(extract_fr):
    sentences = " ".join(f"Nous avons tenu la réunion numéro {n}." for n in range(1, 12))
    found = find_quote(
        extract_fr(
            f"Le maire Paul Girard a réuni la presse lundi.\n\n« {sentences} Il est trop tard. », "
            "a-t-il affirmé."
        ),
        "Il est trop tard",
    )
    assert found.speaker == "Paul Girard"


def test_a_stray_comma_after_d_apres_still_opens_the_source(extract_fr):
    found = find_quote(
        extract_fr(
            "D'après, Jean Petaux, politologue à Bordeaux, ce « sont des antirépublicains »."
        ),
        "sont des antirépublicains",
    )
    assert found.speaker == "Jean Petaux"


def test_celui_qui_is_the_one_just_named(extract_fr):
    found = find_quote(
        extract_fr(
            "Le livre de Nicolas Sarkozy compte cinq chapitres. Celui qui était jusqu'à présent "
            "président du parti annonce sa démission de ce poste dès aujourd'hui."
        ),
        "sa démission",
    )
    assert found.speaker == "Nicolas Sarkozy"


def test_a_colon_quote_whose_sentence_names_no_speaker_goes_to_the_person_named_before(
    extract_fr,
):
    """ "Les mots du ministre furent : « … »": no subject speaks, and no quote came before; the
    quote is the minister's, chosen among the people named before as for a pronoun."""
    article = (
        "Le ministre de la Santé, Jean Dupuis, a visité lundi l'hôpital de Lyon. Les mots du "
        "ministre furent : « Nous ferons tout pour aider les familles des victimes. »"
    )
    found = find_quote(extract_fr(article), "Nous ferons tout")
    assert found.speaker == "Jean Dupuis"


@pytest.mark.parametrize(
    ("article", "fragment", "speaker"),
    [
        (
            # The parser gives "annoncé" no subject.
            "Un homme a blessé trois passants à Grenoble. Le suspect, Marc Vidal, en voulait à "
            "son voisin. Il souhaitait se faire arrêter. Il avait d'ailleurs annoncé vouloir se "
            "rendre à la police quelques minutes avant l'attaque.",
            "vouloir se rendre à la police",
            "Marc Vidal",
        ),
        (
            # "à" for "a": no auxiliary, so no subject.
            "Le skipper Jean Morvan a abandonné la course. Morvan à indiqué par téléphone : « Le "
            "bateau a heurté un objet flottant, la quille est fendue. »",
            "Le bateau a heurté",
            "Jean Morvan",
        ),
    ],
)
def test_a_reporting_verb_without_a_subject_is_said_by_someone_named_before(
    extract_fr, article, fragment, speaker
):
    assert find_quote(extract_fr(article), fragment).speaker == speaker


@pytest.mark.parametrize(
    "article",
    [
        "L'incendiaire serait le voisin qui avait menacé la famille la semaine dernière, ce qu'a "
        "d'ailleurs confirmé le procureur de Nantes Alain Borel.",
        "C'est ce qu'a indiqué mardi le procureur de Nantes, Alain Borel.",
    ],
)
def test_the_name_after_a_verb_whose_object_is_a_relative_que_is_no_content(extract_fr, article):
    """ "ce qu'a confirmé le procureur X": "qu'" is what was confirmed, the prosecutor confirms."""
    assert [quote.text for quote in extract_fr(article) if "procureur" in quote.text] == []


def test_de_presse_before_que_is_a_noun_and_the_verb_before_it_reports(extract_fr):
    """ "lors d'une conférence de presse que …": "presse" is no verb "presser"; "annoncé",
    past the time adjunct, introduces the clause."""
    article = (
        "La saison s'achève à Brest. Le club a annoncé lors d'une conférence de presse que "
        "l'entraîneur resterait deux saisons de plus."
    )
    found = find_quote(extract_fr(article), "entraîneur")
    assert found.text == "l'entraîneur resterait deux saisons de plus"
    assert found.cue == "annoncer"
    assert found.speaker == "Le club"


def test_a_source_between_the_subject_and_its_verb_reports_the_whole_clause(extract_fr):
    """ "Le nombre de sinistrés, selon la mairie, dépasse …": the town hall reports the count."""
    article = (
        "La crue a touché tout le quartier. Le nombre de sinistrés, selon la mairie, dépasse "
        "désormais les deux cents familles."
    )
    (found,) = extract_fr(article)
    assert found.text == (
        "Le nombre de sinistrés, selon la mairie, dépasse désormais les deux cents familles"
    )
    assert found.speaker == "la mairie"


def test_a_report_inside_a_sourced_clause_keeps_both(extract_fr):
    """The saleswomen report the cry: their report is the quote, not only the cry inside it."""
    article = (
        "Le forcené a été maîtrisé par des passants. D'après deux vendeuses, il aurait hurlé "
        "« Rendez-moi mon fils » en entrant dans la boutique."
    )
    found = find_quote(extract_fr(article), "il aurait hurlé")
    assert found.speaker == "deux vendeuses"
    assert found.kind == "mixed"
    # The cry's "il" is the man, not the saleswomen: it is no report of its own.
    assert [quote.cue for quote in extract_fr(article) if quote.cue == "hurler"] == []


@pytest.mark.parametrize(
    "article",
    [
        "Le ministère n'a pas confirmé la fermeture de l'usine de Lorient.",
        "Aucun témoin n'a pu confirmer la présence du suspect dans le bus.",
        "Personne n'a confirmé la mort des trente combattants.",
        "Le maire n'a jamais dit que la piscine fermerait en juillet.",
    ],
)
def test_a_negated_reporting_verb_reports_nothing(extract_fr, article):
    assert extract_fr(article) == []


def test_not_denying_is_still_saying(extract_fr):
    found = find_quote(extract_fr("Le ministre n'a pas nié que l'usine fermera."), "l'usine")
    assert found.speaker == "Le ministre"


@pytest.mark.parametrize(
    "article",
    [
        "La maire a par la suite parlé d'un « accident évitable ».",
        "La maire a une nouvelle fois parlé d'un « accident évitable ».",
    ],
)
def test_an_aside_between_the_auxiliary_and_the_participle_keeps_the_verb_group(
    extract_fr, article
):
    """The tagger calls "a" a verb and hangs "parlé" on "suite" or "fois"."""
    found = find_quote(extract_fr(article), "accident évitable")
    assert found.speaker == "La maire"


@pytest.mark.parametrize(
    "article",
    [
        # "c'est-à-dire": "that is", no verb of speech.
        "Le conseil a adopté le budget rectificatif, c'est-à-dire que les impôts locaux "
        "augmenteront de 2 %.",
        # "Il est à noter": the writer's own remark.
        "La course reprendra demain matin. Il est à noter que la dernière étape partira de Tours.",
        # "l'on", the generic "on".
        "Si l'on croyait que la comète était éteinte, elle brille de nouveau cet hiver.",
        # "ne … que" after a modal: "only".
        "Les experts n'ont pu relever qu'une trace de pneu sur la chaussée mouillée.",
    ],
)
def test_the_writers_own_voice_reports_nothing(extract_fr, article):
    assert extract_fr(article) == []


def test_the_ong_is_no_generic_on(extract_fr):
    article = "L'ONG a demandé au gouvernement de financer trois nouveaux refuges."
    found = find_quote(extract_fr(article), "financer trois nouveaux refuges")
    assert found.speaker == "ONG"


def test_a_role_after_the_sources_name_is_no_content(extract_fr):
    (found,) = extract_fr("Selon Anne Dupont, la bourgmestre de Namur, il s'agit d'un accident.")
    assert found.text == "il s'agit d'un accident"
    assert found.speaker == "Anne Dupont"


def test_a_clause_with_its_own_subject_pronoun_ends_an_object(extract_fr):
    article = (
        "La députée Claire Morin a réuni ses soutiens. Elle annoncera sa candidature ce soir, "
        "puis elle se rendra dans un café parisien pour présenter son programme."
    )
    found = find_quote(extract_fr(article), "sa candidature")
    assert found.text == "sa candidature ce soir"


@pytest.mark.parametrize(
    ("article", "fragment", "speaker"),
    [
        (
            "Le chômage a baissé de 0,3 %. Ce chiffre a permis à la ministre du Travail, Claire "
            "Morin, de déclarer que « la courbe s'inverse enfin ».",
            "la courbe s'inverse enfin",
            "Claire Morin",
        ),
        (
            "La défaite a poussé l'entraîneur Paul Morel à déclarer que l'équipe manquait de "
            "rythme.",
            "l'équipe manquait de rythme",
            "Paul Morel",
        ),
    ],
)
def test_the_person_a_verb_lets_or_pushes_to_speak_speaks(extract_fr, article, fragment, speaker):
    assert find_quote(extract_fr(article), fragment).speaker == speaker


def test_a_family_is_a_body_that_speaks(extract_fr):
    article = (
        "Le policier a tiré en réaction. La famille de la victime conteste cette version. Pour "
        "elle, les policiers ont défoncé la porte sans prévenir."
    )
    found = find_quote(extract_fr(article), "défoncé la porte")
    assert found.speaker == "La famille de la victime"


def test_ce_qua_confirme_x_relays_the_clause_before_like_comme(extract_fr):
    article = (
        "L'incendiaire serait le voisin qui avait menacé la famille la semaine dernière, ce qu'a "
        "d'ailleurs confirmé le procureur de Nantes Alain Borel."
    )
    (found,) = extract_fr(article)
    assert found.text == (
        "L'incendiaire serait le voisin qui avait menacé la famille la semaine dernière"
    )
    assert found.speaker == "Alain Borel"


def test_a_cleft_on_ce_que_is_no_relay(extract_fr):
    article = "Pour elle, ce que montre ce scrutin, c'est une lassitude des électeurs."
    assert [quote.cue for quote in extract_fr(article)] == ["pour"]


def test_a_body_that_forecasts_reports_and_a_text_that_provides_does_not(extract_fr):
    found = find_quote(
        extract_fr("Météo France prévoit que les orages gagneront la Bretagne dans la soirée."),
        "les orages",
    )
    assert found.speaker == "Météo France"
    assert extract_fr("Le projet de loi prévoit que les entreprises paieront une taxe.") == []
    article = (
        "La directrice, Anne Roy, avait déjà prévu l'achat de trois navettes électriques, ce qui "
        "réduirait la pollution du centre."
    )
    assert extract_fr(article) == []


@pytest.mark.parametrize(
    ("article", "speaker"),
    [
        (
            "Selon le New York Reporter, la grève se poursuivra jusqu'à lundi.",
            "le New York Reporter",
        ),
        (
            # "établit" for "établi": the tagger reads a finite verb.
            "Selon le palmarès établit par l'Unicef, la Norvège est classée première.",
            "Unicef",
        ),
    ],
)
def test_a_verb_tagged_word_inside_a_source_phrase_does_not_end_it(extract_fr, article, speaker):
    (found,) = extract_fr(article)
    assert found.speaker == speaker


def test_a_law_that_requires_says_nothing(extract_fr):
    article = (
        "Le règlement exige que chaque candidat dépose un dossier complet. Le syndicat exige "
        "que la direction ouvre des négociations."
    )
    assert [quote.speaker for quote in extract_fr(article)] == ["Le syndicat"]


@pytest.mark.parametrize(
    ("article", "speaker"),
    [
        ("Deux écoles ont été touchées par les tirs, a indiqué l'Unicef mardi.", "Unicef"),
        (
            "Selon des vidéos montrant la scène, le conducteur a brûlé le feu rouge.",
            "vidéos",
        ),
    ],
)
def test_a_time_word_or_a_verb_ends_the_speakers_words(extract_fr, article, speaker):
    (found,) = extract_fr(article)
    assert found.speaker == speaker


@pytest.mark.parametrize(
    "article",
    [
        "La boulangerie propose chaque matin un pain aussi bon que celui d'autrefois.",
        "La ville a décidé de rendre public le coût total des travaux du stade.",
    ],
)
def test_offering_or_publishing_a_thing_reports_nothing(extract_fr, article):
    assert extract_fr(article) == []


def test_pour_a_person_named_by_a_common_noun_gives_a_point_of_view(extract_fr):
    article = "Pour la donatrice, il s'agit d'un « geste de gratitude envers le village »."
    found = find_quote(extract_fr(article), "il s'agit")
    assert found.speaker == "la donatrice"


def test_a_relative_clause_stays_in_the_sources_words(extract_fr):
    article = "Douze maisons ont été détruites selon ce qui n'est qu'une première estimation."
    (found,) = extract_fr(article)
    assert found.speaker == "ce qui n'est qu'une première estimation"


def test_renting_a_flat_is_no_praise(extract_fr):
    """ "louer" also means to rent: only a person or a body praises."""
    article = (
        "Le touriste était arrivé à Lyon le 3 mars, avait loué une chambre et un vélo pour dix "
        "jours et aurait visité trois musées."
    )
    assert extract_fr(article) == []


def test_an_adverb_bien_between_the_verb_and_que_keeps_the_clause(extract_fr):
    article = "Le maire précise bien que les écoles sont seulement fermées, et non démolies."
    (found,) = extract_fr(article)
    assert found.text == "les écoles sont seulement fermées, et non démolies"
    assert found.speaker == "Le maire"


@pytest.mark.parametrize(
    "article",
    [
        "Le photographe Paul Ndayi reste détenu depuis lundi, et rappelons que le photographe "
        "travaille souvent pour un quotidien régional.",
        "Notons que le photographe travaille souvent pour un quotidien régional.",
    ],
)
def test_a_first_person_plural_without_nous_is_the_writers_voice(extract_fr, article):
    assert extract_fr(article) == []


def test_a_quote_after_a_colon_closing_a_passive_verb_is_nobodys_words(extract_fr):
    article = (
        "Les deux reporters tournaient dans le port quand ils ont été arrêtés puis retenus "
        "pour le motif suivant : « atteinte à la sûreté de l'État »."
    )
    assert extract_fr(article) == []


def test_a_passive_relative_clause_before_a_colon_leaves_the_quote_its_speaker(extract_fr):
    article = (
        "La veuve du pilote, Anne Moreau, a demandé l'analyse de l'épave, sur laquelle aucune "
        "expertise n'avait été menée : « Je veux savoir ce qui est arrivé à mon mari. »"
    )
    found = find_quote(extract_fr(article), "Je veux savoir")
    assert found.speaker == "Anne Moreau"


@pytest.mark.parametrize(
    ("article", "content"),
    [
        (
            "Le ministère a affirmé avoir voulu protéger les civils, mais cette version ne "
            "convainc pas les observateurs.",
            "avoir voulu protéger les civils",
        ),
        (
            "La police lui a demandé de quitter le bâtiment, ce qu'il fera une heure plus tard.",
            "quitter le bâtiment",
        ),
        (
            "Le maire Louis Perrin, qui a annoncé sa candidature au conseil régional, "
            "présidait la séance.",
            "sa candidature au conseil régional",
        ),
    ],
)
def test_an_object_ends_where_a_new_clause_begins(extract_fr, article, content):
    (found,) = extract_fr(article)
    assert found.text == content


def test_an_editors_note_is_not_the_sources_words(extract_fr):
    article = (
        "Le préfet a annoncé que trois routes resteront fermées jusqu'à lundi (NDLR : deux "
        "d'entre elles mènent au barrage)."
    )
    (found,) = extract_fr(article)
    assert found.text == "trois routes resteront fermées jusqu'à lundi"


@pytest.mark.parametrize(
    "article",
    [
        "L'astronome a observé trois cratères, qu'il avait appelés « Aurore », « Zénith » et "
        "« Crépuscule », en hommage à sa ville.",
        "Le président a défendu devant le Congrès l'abrogation de l'« Affordable Care Act ».",
    ],
)
def test_a_few_capitalised_words_in_marks_are_a_name(extract_fr, article):
    assert [quote for quote in extract_fr(article) if quote.kind == "direct"] == []


def test_one_capitalised_word_after_a_colon_is_still_said(extract_fr):
    article = "La foule a répondu d'une seule voix : « Démission ! »"
    (found,) = extract_fr(article)
    assert found.text == "Démission !"


def test_a_contrasting_report_ends_the_report_before_it(extract_fr):
    article = (
        "La préfecture a indiqué que deux randonneurs ont été blessés par l'avalanche, tandis "
        "que les secouristes font état de quatre blessés."
    )
    first = find_quote(extract_fr(article), "deux randonneurs")
    assert first.text == "deux randonneurs ont été blessés par l'avalanche"


def test_a_contrast_without_a_report_stays_the_speakers(extract_fr):
    article = (
        "Le laboratoire a affirmé que le vaccin protège les adultes, alors que les enfants "
        "restent exposés au virus."
    )
    (found,) = extract_fr(article)
    assert found.text.endswith("restent exposés au virus")


def test_mentioning_figures_reports_them(extract_fr):
    article = "Le syndicat fait mention de trois cents grévistes devant l'usine."
    (found,) = extract_fr(article)
    assert found.speaker == "Le syndicat"
    assert found.cue == "faire mention de"


def test_an_indefinite_time_phrase_between_an_incise_verb_and_its_subject(extract_fr):
    article = (
        "« Elle était la troisième monteuse engagée au studio », a raconté un jour la "
        "productrice du film, Léa Morel."
    )
    (found,) = extract_fr(article)
    assert found.speaker == "Léa Morel"


def test_reacting_introduces_words_in_marks_only(extract_fr):
    article = (
        "« Nous reviendrons plus forts » a réagi la capitaine de l'équipe, Julie Martin. "
        "Les marchés ont aussitôt réagi : le titre du groupe a perdu 8 % en une heure."
    )
    (found,) = extract_fr(article)
    assert found.speaker == "Julie Martin"
    assert found.cue == "réagir"


def test_reprendre_in_an_incise(extract_fr):
    article = "L'entraîneur Marc Roux a salué ses joueurs. « Ils ont tout donné », reprend-il."
    found = find_quote(extract_fr(article), "Ils ont tout donné")
    assert found.speaker == "Marc Roux"


def test_a_signature_on_the_paragraph_after_the_quote(extract_fr):
    article = (
        "La skieuse a remporté sa deuxième médaille, comme sa coéquipière Anna Berg.\n\n"
        "« Je voulais montrer aux plus jeunes que tout est possible. Cette médaille est pour "
        "eux »\n\n— Marie Lenoir"
    )
    (found,) = extract_fr(article)
    assert found.speaker == "Marie Lenoir"


def test_a_signature_of_a_first_name_and_a_role(extract_fr):
    article = (
        "Selon le commandant Paul Girard, l'incendie est parti de la cuisine.\n\n"
        "« Nous avons entendu une explosion, puis tout le monde a couru vers la sortie »\n\n"
        "— Nathalie, témoin"
    )
    found = find_quote(extract_fr(article), "Nous avons entendu")
    assert found.speaker == "Nathalie"


def test_il_after_a_driver_named_by_a_role_is_the_driver(extract_fr):
    article = (
        "Une voiture a percuté un abribus près du collège Jean-Moulin. Le chauffard a été "
        "interpellé peu après. Il aurait reconnu avoir bu plusieurs verres avant de prendre "
        "le volant."
    )
    found = find_quote(extract_fr(article), "avoir bu")
    assert found.speaker == "Le chauffard"


def test_a_clause_of_the_writers_after_the_report_ends_it(extract_fr):
    article = (
        "Le porte-parole a annoncé que l'agence garde sa confiance au directeur, un éventuel "
        "départ serait à comparer avec celui de son prédécesseur."
    )
    (found,) = extract_fr(article)
    assert found.text == "l'agence garde sa confiance au directeur"


def test_a_fronted_adjunct_does_not_end_the_report(extract_fr):
    article = (
        "Le journal a révélé que, contrairement à ce qu'a déclaré le maire, son adjoint aurait "
        "été payé dès 2015."
    )
    found = find_quote(extract_fr(article), "son adjoint")
    assert found.text.endswith("aurait été payé dès 2015")


@pytest.mark.parametrize(
    ("article", "start", "end", "speaker"),
    [
        (
            "Ces contrôles de police sont selon Radio Okapi une mesure de rétorsion contre les "
            "opposants.",
            "Ces contrôles",
            "contre les opposants",
            "Radio Okapi",
        ),
        (
            "Le chiffre d'affaires selon Les Échos a reculé de 4 % au troisième trimestre.",
            "Le chiffre d'affaires",
            "au troisième trimestre",
            "Les Échos",
        ),
    ],
)
def test_a_source_phrase_without_commas_inside_its_clause(extract_fr, article, start, end, speaker):
    (found,) = extract_fr(article)
    assert found.text.startswith(start)
    assert found.text.endswith(end)
    assert found.speaker == speaker


def test_a_source_phrase_without_commas_keeps_a_coordinated_clause_out(extract_fr):
    article = (
        "Le pays représente un danger selon plusieurs diplomates et porterait la menace à un "
        "nouveau niveau."
    )
    found = find_quote(extract_fr(article), "un danger")
    assert "porterait" not in found.text


@pytest.mark.parametrize("verb", ["a estimé", "a considéré", "croit"])
def test_an_opinion_verb_reports_a_bare_infinitive(extract_fr, verb):
    article = f"La candidate {verb} être la mieux placée pour l'emporter au second tour."
    (found,) = extract_fr(article)
    assert found.text == "être la mieux placée pour l'emporter au second tour"
    assert found.speaker == "La candidate"


def test_an_intention_is_no_report(extract_fr):
    assert extract_fr("Le ministre pense partir en vacances dès la fin du mois.") == []


def test_an_adverbial_pronoun_before_the_participle_keeps_the_verb(extract_fr):
    article = "Le ministre a malgré tout affirmé être déterminé à poursuivre le combat."
    (found,) = extract_fr(article)
    assert found.text == "être déterminé à poursuivre le combat"
    assert found.cue == "affirmer"


def test_a_name_after_a_long_subject_is_the_speaker(extract_fr):
    article = (
        "La présidente de la commission des finances, Anne Morel, a affirmé que le budget "
        "serait voté avant l'été."
    )
    (found,) = extract_fr(article)
    assert found.speaker == "Anne Morel"


def test_a_reporting_root_the_tagger_took_for_a_noun_is_a_verb(extract_fr):
    article = (
        "L'armée turque annonce, via un communiqué publié sur le site de l'état-major, avoir "
        "pris le contrôle de la capitale."
    )
    (found,) = extract_fr(article)
    assert found.text == "avoir pris le contrôle de la capitale"
    assert found.cue == "annoncer"


def test_a_speaker_never_holds_its_own_verb(extract_fr):
    article = (
        "Boko Haram dément la libération des 5 000 otages\n\n"
        "Un des chefs du groupe a démenti dans une vidéo que les otages aient été libérés."
    )
    for found in extract_fr(article):
        assert "dément" not in (found.speaker or "")


def test_the_writers_word_on_the_claim_ends_the_report(extract_fr):
    article = (
        "Le secrétaire du parti avait affirmé qu'ils étaient encore 120 000 adhérents, une "
        "affirmation impossible à vérifier, les chiffres n'ayant pas été publiés."
    )
    (found,) = extract_fr(article)
    assert found.text == "ils étaient encore 120 000 adhérents"


def test_a_quote_opening_like_a_sentence_is_said_alone_by_the_incise(extract_fr):
    article = (
        "Andrew McCabe a répondu dans un communiqué qu'il se croit victime d'une « guerre » de "
        "l'administration contre le FBI « L'idée que j'ai menti est totalement fausse » a-t-il "
        "déclaré."
    )
    found = extract_fr(article)
    said = find_quote(found, "L'idée")
    assert said.text == "L'idée que j'ai menti est totalement fausse"
    assert said.speaker == "Andrew McCabe"
    answer = find_quote(found, "victime")
    assert answer.text.endswith("contre le FBI")
    assert answer.cue == "répondre"


@pytest.mark.parametrize(
    ("article", "speaker"),
    [
        (
            "Le ministre des Transports, Jacques Daoust attaque de front le « modèle Uber » "
            "dans son projet de loi.",
            None,
        ),
        (
            "Les candidats s'attaquaient personnellement plutôt que de débattre de leurs "
            "propositions.",
            None,
        ),
        ("« Qui paiera la facture ? », interroge le député Paul Roy.", "Paul Roy"),
        ("« C'est une honte », attaque la maire Anne Morel.", "Anne Morel"),
    ],
)
def test_attacking_and_questioning_report_only_words_in_marks(extract_fr, article, speaker):
    found = extract_fr(article)
    assert [item.speaker for item in found] == ([speaker] if speaker else [])


def test_a_term_the_writer_uses_unquoted_is_no_fragment_of_a_quote(extract_fr):
    article = (
        "Les gilets jaunes ont manifesté samedi à Paris. Le préfet a indiqué que les « gilets "
        "jaunes » avaient « parfaitement respecté » le parcours déclaré."
    )
    texts = [found.text for found in extract_fr(article)]
    assert "gilets jaunes" not in texts
    assert "parfaitement respecté" in texts


@pytest.mark.parametrize("noun", ["la sculpture", "le film", "le slogan", "le documentaire"])
def test_a_title_in_marks_after_a_noun_for_a_work_is_no_quote(extract_fr, noun):
    article = (
        f"L'une des œuvres majeures de l'exposition, {noun} « La Petite danseuse de quatorze "
        "ans » de Degas, est présentée au musée depuis septembre."
    )
    assert extract_fr(article) == []


def test_a_date_after_the_verb_is_not_part_of_the_announced_object(extract_fr):
    article = (
        "Le Front al-Nosra annonce le 28 juillet 2016 la rupture de ses liens avec le "
        "commandement central du groupe."
    )
    (found,) = extract_fr(article)
    assert found.text == "la rupture de ses liens avec le commandement central du groupe"


def test_a_body_named_after_the_verb_with_no_comma_is_the_inverted_speaker(extract_fr):
    article = (
        "Un cycliste est décédé d'un arrêt cardiaque après une chute lors d'une compétition a "
        "révélé le Comité international paralympique (IPC). Son vélo aurait heurté une pierre."
    )
    (found,) = extract_fr(article)
    assert found.text.startswith("Un cycliste est décédé")
    assert found.speaker == "Comité international paralympique"


def test_the_object_of_a_verb_after_a_clause_is_no_inverted_speaker(extract_fr):
    article = (
        "Alors que les négociations débutent, l'ex Front al-Nosra attaque les autres groupes "
        "de l'opposition."
    )
    assert extract_fr(article) == []


def test_pour_opening_a_relative_clause_names_no_source(extract_fr):
    article = (
        "Le vote, pour lequel concouraient neuf candidats, s'est déroulé en l'absence de "
        "télécommunications dans l'ensemble du pays."
    )
    assert extract_fr(article) == []


@pytest.mark.parametrize(
    ("article", "content"),
    [
        (
            "Le député Pierre Morel a évoqué des raisons familiales pour expliquer cette décision.",
            "des raisons familiales",
        ),
        (
            "Les autorités irakiennes ont annoncé une offensive prochaine dans la zone, éliminant "
            "ainsi probablement l'organisation de son sol avant la fin de l'année.",
            "une offensive prochaine dans la zone",
        ),
    ],
)
def test_the_writers_purpose_or_comment_after_an_object_is_not_its_content(
    extract_fr, article, content
):
    (found,) = extract_fr(article)
    assert found.text == content


def test_a_report_in_the_conditional_ends_where_the_writer_resumes_in_the_indicative(
    extract_fr,
):
    article = (
        "Le chauffeur du camion a été placé en détention provisoire. Selon ses déclarations, il "
        "n'aurait bu que deux verres et n'a donc pas pu expliquer son taux d'alcoolémie."
    )
    (found,) = extract_fr(article)
    assert found.text == "il n'aurait bu que deux verres"
    assert found.speaker == "Le chauffeur du camion"


def test_a_paragraph_after_a_colon_that_reports_someone_is_no_block_quote(extract_fr):
    article = (
        "Dix porte-parole ont signé un appel publié dimanche. L'appel propose :\n\n"
        "En conclusion, les dix signataires exigent comme préalable à toute rencontre le gel "
        "de la hausse des taxes sur les carburants. Ils se tiennent à la disposition du "
        "Premier ministre."
    )
    assert extract_fr(article) == []


def test_launching_an_offensive_after_a_comma_reports_nothing(extract_fr):
    # "ou" for "où", as the article had it: the parser then reads "une offensive" as the
    # verb's inverted subject.
    article = (
        "C'est notamment le cas dans la région de Deir ez-Zor, ou les Forces démocratiques "
        "syriennes (FDS), dirigées par les Kurdes, ont lancé une offensive dans le nord de la "
        "région, se rapprochant de la ville."
    )
    assert extract_fr(article) == []


@pytest.mark.parametrize(
    ("article", "content"),
    [
        (
            "Le ministre a annoncé la fermeture de l'usine et présenté un plan de reprise aux "
            "syndicats.",
            "la fermeture de l'usine",
        ),
        (
            "La préfète a indiqué que la police avait arrêté deux suspects et saisi des armes.",
            "la police avait arrêté deux suspects et saisi des armes",
        ),
    ],
)
def test_a_participle_sharing_the_reporting_verbs_auxiliary_goes_on_with_the_narration(
    extract_fr, article, content
):
    (found,) = extract_fr(article)
    assert found.text == content


@pytest.mark.parametrize("aside", ["pour sa part", "de son côté", "quant à lui"])
def test_an_aside_between_the_incise_verb_and_its_subject_is_skipped(extract_fr, aside):
    article = f"« Nous ne céderons pas », estime {aside} le maire de la ville."
    (found,) = extract_fr(article)
    assert found.speaker == "le maire de la ville"


@pytest.mark.parametrize(
    ("article", "content", "speaker"),
    [
        (
            "À en croire la presse locale, le maire serait sur le départ.",
            "le maire serait sur le départ",
            "la presse locale",
        ),
        (
            "Aux yeux de Marie Durand, cette réforme est une erreur.",
            "cette réforme est une erreur",
            "Marie Durand",
        ),
    ],
)
def test_a_en_croire_and_aux_yeux_de_name_a_source_like_selon_and_pour(
    extract_fr, article, content, speaker
):
    (found,) = extract_fr(article)
    assert (found.text, found.speaker) == (content, speaker)


def test_aux_yeux_de_inside_a_clause_names_no_source(extract_fr):
    assert extract_fr("Le musée est resté fermé aux yeux de tous depuis lundi.") == []


def test_a_name_in_apposition_to_a_role_speaks_when_the_parser_hangs_the_comma_on_it(
    extract_fr,
):
    article = (
        "Le porte-parole du Kremlin, Dmitri Peskov, a assuré que Moscou « n'a rien à voir » "
        "avec cette affaire."
    )
    assert {found.speaker for found in extract_fr(article)} == {"Dmitri Peskov"}


@pytest.mark.parametrize(
    ("article", "content"),
    [
        (
            "L'homme a été interpellé, selon la police, alors qu'il tentait de fuir.",
            "L'homme a été interpellé",
        ),
        (
            "Le bilan est de trois morts, selon la préfecture, tandis que les recherches se "
            "poursuivent.",
            "Le bilan est de trois morts",
        ),
    ],
)
def test_selon_before_an_adverbial_clause_reports_the_clause_before(extract_fr, article, content):
    (found,) = extract_fr(article)
    assert found.text == content


def test_a_participle_tagged_as_an_adjective_after_an_inverted_pronoun_is_the_cue(extract_fr):
    article = (
        "Son avocat, Me Paul Lefèvre, a plaidé la relaxe. « Mon client n'a jamais touché un "
        "centime », a-t-il martelé."
    )
    (found,) = extract_fr(article)
    assert (found.cue, found.speaker) == ("marteler", "Paul Lefèvre")


def test_an_inverted_pronoun_no_name_agrees_with_goes_to_the_body_named_before(extract_fr):
    article = (
        "Un Français a été enlevé jeudi au Tchad, a confirmé le ministère des affaires "
        "étrangères sans préciser son identité. « Nous sommes mobilisés pour parvenir à la "
        "libération de notre compatriote », a-t-il communiqué."
    )
    quote = next(found for found in extract_fr(article) if found.kind == "direct")
    assert quote.cue == "communiquer"
    assert quote.speaker is not None and "ministère" in quote.speaker


@pytest.mark.parametrize(
    ("article", "speaker"),
    [
        (
            "« Il n'y aura pas de report », a tranché samedi à l'AFP le président de la "
            "commission électorale.",
            "le président de la commission électorale",
        ),
        (
            "« Ce pont devait être inspecté », a rappelé, lors d'une conférence de presse, le "
            "préfet de l'Isère.",
            "le préfet de l'Isère",
        ),
        (
            "« Il faudra du temps », a toutefois nuancé le gouverneur de la Banque de France.",
            "le gouverneur de la Banque de France",
        ),
        (
            "« La situation est catastrophique », a alerté vendredi depuis Genève le "
            "porte-parole du HCR.",
            "le porte-parole du HCR",
        ),
    ],
)
def test_adjuncts_between_an_incise_verb_and_its_subject_are_skipped(extract_fr, article, speaker):
    (found,) = extract_fr(article)
    assert found.speaker == speaker


def test_a_title_the_recogniser_takes_for_a_name_leaves_the_name_in_apposition_speaking(
    extract_fr,
):
    article = (
        "« Nous ne reculerons pas », a déclaré mardi le Premier ministre, Hugo Marchal, devant "
        "les députés."
    )
    (found,) = extract_fr(article)
    assert found.speaker == "Hugo Marchal"


@pytest.mark.parametrize("incise", ["dit-il", "a-t-il ajouté", "poursuit-il"])
def test_an_incise_inside_the_marks_cuts_the_quote_in_two_pieces(extract_fr, incise):
    article = (
        "Éleveur sur l'Aubrac depuis trente ans, Bernard Combes refuse de vendre. « Ce que je "
        f"veux, {incise}, c'est que mes enfants puissent vivre ici »."
    )
    found = extract_fr(article)
    assert [item.text for item in found] == [
        "Ce que je veux",
        "c'est que mes enfants puissent vivre ici",
    ]
    assert {item.speaker for item in found} == {"Bernard Combes"}


def test_an_elided_article_tagged_as_a_pronoun_still_opens_the_inverted_subject(extract_fr):
    article = (
        "« Je suis innocent ! » a crié l'accusé à l'annonce du verdict, avant d'être évacué "
        "de la salle."
    )
    (found,) = extract_fr(article)
    assert found.speaker == "accusé"


@pytest.mark.parametrize(
    "article",
    [
        "Le suspect aurait, d'après ses proches, quitté le pays dès dimanche.",
        "Le polonium est, selon le chercheur, une substance très toxique.",
    ],
)
def test_a_source_phrase_inside_a_verb_group_stands_in_the_whole_clause(extract_fr, article):
    (found,) = extract_fr(article)
    assert found.text == article.rstrip(".")


@pytest.mark.parametrize(
    ("article", "speaker"),
    [
        (
            "Le chantier de l'hôpital sera suspendu jusqu'en mars, a-t-on appris jeudi auprès "
            "de l'agence régionale de santé.",
            "agence régionale de santé",
        ),
        (
            "Deux adolescents ont été interpellés mardi soir, a-t-on appris de source policière.",
            "source policière",
        ),
    ],
)
def test_what_on_learned_is_told_by_its_source(extract_fr, article, speaker):
    (found,) = extract_fr(article)
    assert found.speaker == speaker


def test_learning_something_is_no_report(extract_fr):
    assert extract_fr("Marie a appris que son père était malade.") == []


@pytest.mark.parametrize(
    ("article", "pieces", "speaker"),
    [
        (
            "« Ce n'est pas une défaite, a estimé l'entraîneur nantais, Pierre Aubanel, c'est "
            "un avertissement. »",
            ["Ce n'est pas une défaite", "c'est un avertissement."],
            "Pierre Aubanel",
        ),
        (
            "« Nous avons pris la bonne décision, a martelé la maire de Strasbourg, Anne "
            "Keller, lors du conseil municipal. Le tram sera livré en 2027. »",
            ["Nous avons pris la bonne décision", "Le tram sera livré en 2027."],
            "Anne Keller",
        ),
        (
            "« Mon client n'est pas un monstre, a plaidé Me Julien Arfi. C'est un homme qui a "
            "sombré. »",
            ["Mon client n'est pas un monstre", "C'est un homme qui a sombré."],
            "Julien Arfi",
        ),
    ],
)
def test_a_named_incise_inside_the_marks_cuts_the_quote_and_names_its_speaker(
    extract_fr, article, pieces, speaker
):
    found = extract_fr(article)
    assert [item.text for item in found] == pieces
    assert {item.speaker for item in found} == {speaker}


@pytest.mark.parametrize(
    ("article", "speaker"),
    [
        (
            "La directrice générale de l'agence régionale de santé, Hélène Bourdais, qui "
            "s'exprimait lundi à Montpellier, a reconnu que les urgences étaient saturées.",
            "Hélène Bourdais",
        ),
        (
            "« Pourquoi avoir attendu trois semaines avant de prévenir les familles ? », s'est "
            "interrogée l'avocate des parents, Me Claire Dufour, lors d'une conférence de "
            "presse. Le directeur a assuré avoir suivi les consignes.",
            "Claire Dufour",
        ),
    ],
)
def test_a_name_apposed_to_a_role_speaks_whatever_follows_it(extract_fr, article, speaker):
    found = extract_fr(article)
    assert found[0].speaker == speaker


@pytest.mark.parametrize("between", [" ", "\n\n"])
def test_a_quote_opening_an_article_is_said_by_the_person_named_right_after(extract_fr, between):
    article = (
        f"« On a tout perdu en une nuit. »{between}Devant ce qui reste de sa maison, Josiane "
        "Arnaud, 71 ans, contemple la boue qui a envahi le rez-de-chaussée."
    )
    (found,) = extract_fr(article)
    assert found.speaker == "Josiane Arnaud"


def test_a_report_imagined_in_a_condition_is_no_quote(extract_fr):
    article = (
        "Si le gouvernement annonçait un report de la réforme, les syndicats pourraient "
        "suspendre le mouvement."
    )
    assert extract_fr(article) == []


@pytest.mark.parametrize("idiom", ["Selon toute vraisemblance", "Selon les cas"])
def test_selon_in_an_idiom_names_no_source(extract_fr, idiom):
    assert extract_fr(f"{idiom}, le chantier ne sera pas achevé avant 2027.") == []


def test_an_indirect_question_after_a_reporting_verb_is_no_quote(extract_fr):
    article = (
        "Interrogé à plusieurs reprises, le ministre a refusé de dire s'il serait candidat à sa "
        "propre succession."
    )
    assert extract_fr(article) == []


def test_a_content_opening_with_a_subordinate_clause_goes_on_to_its_main_clause(extract_fr):
    article = "Le ministre a expliqué que si la croissance revenait, les impôts baisseraient."
    (found,) = extract_fr(article)
    assert found.text == "si la croissance revenait, les impôts baisseraient"


def test_a_subordinate_clause_opening_the_content_leaves_the_writers_clause_out(extract_fr):
    article = (
        "Le club a annoncé que si les comptes le permettent, l'organisation maintient sa "
        "confiance à Paul Martin, un remplacement serait envisagé plus tard."
    )
    (found,) = extract_fr(article)
    assert found.text.endswith("Paul Martin")


@pytest.mark.parametrize(
    ("article", "speaker"),
    [
        (
            "« Allez-vous rester au club ? », lui a demandé un journaliste de L'Équipe. « Je "
            "n'ai pas envie de parler de ça ce soir », a esquivé le capitaine lyonnais, Maxence "
            "Tollet.",
            "Maxence Tollet",
        ),
        (
            "« Vous partez déjà ? », a demandé la journaliste. « Pas avant l'été », rigole le "
            "maire.",
            "le maire",
        ),
    ],
)
def test_any_verb_inverted_after_a_quote_attributes_it(extract_fr, article, speaker):
    assert extract_fr(article)[-1].speaker == speaker


@pytest.mark.parametrize(
    "article",
    [
        "Le chanteur, que ses fans appellent « le Kid de Belleville », interprétera son tube "
        "« Nuits d'été » en ouverture du festival.",
        "Un nouveau mouvement est apparu, les « bonnets noirs », « hostile » envers les "
        "sociétés de transport étrangères.",
    ],
)
def test_a_verb_after_marks_inside_a_sentence_attributes_nothing(extract_fr, article):
    verb = article.index("interprétera") if "interprétera" in article else article.index("envers")
    assert all(found.cue_start != verb for found in extract_fr(article))


@pytest.mark.parametrize(
    ("article", "speaker"),
    [
        (
            "Le vice-président chargé des mobilités, Thomas Reynaud, assure que le calendrier "
            "ne sera pas modifié.",
            "Thomas Reynaud",
        ),
        (
            "Le député (LR) de la 3e circonscription du Var, Romain Estève, a réagi sur X : "
            "« Encore un service public sacrifié. »",
            "Romain Estève",
        ),
    ],
)
def test_the_name_closing_a_long_role_before_the_verb_speaks(extract_fr, article, speaker):
    (found,) = extract_fr(article)
    assert found.speaker == speaker


def test_a_titled_subject_the_recogniser_tags_misc_is_a_pronouns_antecedent(extract_fr):
    article = (
        "Le Premier ministre portugais a défendu mardi son plan de relance du logement. « Nous "
        "allons construire 30 000 logements publics d'ici 2028 », a-t-il déclaré à Lisbonne."
    )
    (found,) = extract_fr(article)
    assert found.speaker == "Le Premier ministre portugais"


@pytest.mark.parametrize(
    "article",
    [
        "La ville de Narbonne lance sa campagne « Narbonne respire » pour inciter les "
        "habitants à laisser leur voiture au garage.",
        "Le groupe d'opposition « Agir pour Balma » a publié mardi un communiqué cinglant.",
    ],
)
def test_a_name_in_marks_after_a_naming_noun_is_no_quote(extract_fr, article):
    assert extract_fr(article) == []


def test_a_name_given_by_a_participle_is_no_incise(extract_fr):
    article = (
        "Les Kurdes ont proclamé une région autonome dans le nord de la Syrie, appelée Rojava, "
        "que la Turquie voit comme une menace existentielle."
    )
    assert "Rojava" not in {found.speaker for found in extract_fr(article)}


def test_a_thing_puts_nothing_forward(extract_fr):
    article = (
        "L'offensive lancée par la Turquie met surtout en avant des rebelles : brigades "
        "affiliées à l'Armée syrienne libre mais aussi des groupes islamistes."
    )
    assert extract_fr(article) == []


def test_dialogue_lines_opened_by_a_dash_are_direct_quotes_of_their_incise(extract_fr):
    article = (
        "Le ton est monté jeudi soir au conseil communautaire de Figeac.\n"
        "— Ce budget ment aux habitants, lance Sylvie Marty, élue d'opposition.\n"
        "— Pourquoi refuser le débat ? interroge le président, Henri Costes.\n"
        "La séance a repris après une suspension."
    )
    found = extract_fr(article)
    assert [(item.text, item.kind, item.speaker) for item in found] == [
        ("Ce budget ment aux habitants", "direct", "Sylvie Marty"),
        ("Pourquoi refuser le débat ?", "direct", "Henri Costes"),
    ]


def test_a_dash_line_without_a_verb_is_a_signature_not_speech(extract_fr):
    article = (
        "« Nous reconstruirons la halle avant l'hiver. »\n\n"
        "— Martine Salvat, maire de Revel\n\n"
        "Les travaux doivent commencer en septembre."
    )
    (found,) = extract_fr(article)
    assert found.text == "Nous reconstruirons la halle avant l'hiver."
    assert found.speaker == "Martine Salvat"


def test_interview_answers_are_said_by_the_one_interviewed(extract_fr):
    article = (
        "Élue en juin à la tête de la chambre d'agriculture, Odile Ferran répond à nos "
        "questions.\n\n"
        "Q : Quelle est votre priorité ?\n"
        "R : Le prix du lait, qui ne couvre plus les coûts de production.\n\n"
        "Q : Irez-vous à Paris ?\n"
        "R : Oui, dès la semaine prochaine."
    )
    found = extract_fr(article)
    assert [(item.text, item.kind, item.speaker) for item in found] == [
        ("Le prix du lait, qui ne couvre plus les coûts de production.", "direct", "Odile Ferran"),
        ("Oui, dès la semaine prochaine.", "direct", "Odile Ferran"),
    ]


@pytest.mark.parametrize(
    ("signature", "speaker"),
    [
        ("Société Ruthénoise de Spectacles", "Société Ruthénoise de Spectacles"),
        ("Préfecture de l'Aveyron", "Préfecture de l'Aveyron"),
        ("Service de presse du salon", "Service de presse du salon"),
    ],
)
def test_a_dash_signs_a_quote_with_any_short_line_that_states_nothing(
    extract_fr, signature, speaker
):
    article = (
        "Le concert prévu samedi à Rodez a été reporté.\n\n"
        "« Nous sommes au regret d'annoncer le report du concert, pour raisons de sécurité. »\n\n"
        f"— {signature}\n\n"
        "Les billets restent valables pour la nouvelle date."
    )
    found = find_quote(extract_fr(article), "Nous sommes au regret")
    assert found.speaker == speaker


@pytest.mark.parametrize(
    ("article", "speaker"),
    [
        (
            "L'élue d'opposition Corinne Lestrade a dénoncé « un plan de transport au rabais ».",
            "Corinne Lestrade",
        ),
        ("Son ancien second, Karim Benali, regrette « un plan au rabais ».", "Karim Benali"),
    ],
)
def test_a_name_the_parser_made_a_second_subject_after_its_role_speaks(
    extract_fr, article, speaker
):
    (found,) = extract_fr(article)
    assert found.speaker == speaker


def test_a_source_role_named_at_the_end_of_the_sentence_is_the_name(extract_fr):
    article = (
        "La fréquentation de la médiathèque a doublé en deux ans, selon sa directrice, "
        "Hélène Baylac."
    )
    (found,) = extract_fr(article)
    assert found.speaker == "Hélène Baylac"


def test_a_role_with_no_name_is_the_person_just_named_of_its_gender(extract_fr):
    article = (
        "Dans un message publié lundi, la judokate toulousaine Inès Valat a annoncé la fin de "
        "sa carrière. « J'ai tout donné, il est temps de passer à autre chose », explique la "
        "double médaillée européenne."
    )
    found = find_quote(extract_fr(article), "J'ai tout donné")
    assert found.speaker == "Inès Valat"


def test_a_role_is_not_given_to_someone_the_article_gave_another_role(extract_fr):
    article = (
        "La veuve du mécène a cédé jeudi une partie des terres à l'État. « C'est un grand jour "
        "pour notre pays », a déclaré Carmen Ortiz, la présidente, en signant l'acte. Pour la "
        "donatrice, il s'agit de « l'œuvre de toute une vie »."
    )
    found = find_quote(extract_fr(article), "l'œuvre de toute une vie")
    assert found.speaker == "la donatrice"


@pytest.mark.parametrize(
    ("article", "speaker"),
    [
        (
            "Paul Martin a été interpellé samedi à Lyon. « Je ne peux rien dire de plus », a "
            "précisé le procureur.",
            "le procureur",
        ),
        (
            "Jean Dupont a été mis en examen mardi. « Mon client conteste les faits », a "
            "indiqué l'avocat.",
            "avocat",
        ),
        (
            "Emmanuel Macron a reçu les syndicats. « Je constate que le dialogue est rompu », a "
            "regretté le secrétaire général.",
            "le secrétaire général",
        ),
    ],
)
def test_a_role_the_lexicon_knows_stays_a_role(extract_fr, article, speaker):
    (found,) = extract_fr(article)
    assert found.speaker == speaker


@pytest.mark.parametrize(
    ("article", "first", "second", "speaker"),
    [
        (
            "« Ce rond-point, a jugé le conseiller à la mobilité, Yann Perrot, aurait dû être "
            "refait depuis longtemps. »",
            "Ce rond-point",
            "aurait dû être refait depuis longtemps.",
            "Yann Perrot",
        ),
        (
            "« Ce printemps, a reconnu mardi soir la navigatrice Lise Kerbrat, j'ai douté de "
            "tout. Et j'ai fini par gagner. »",
            "Ce printemps",
            "j'ai douté de tout. Et j'ai fini par gagner.",
            "Lise Kerbrat",
        ),
        (
            "« On a vu la rivière sortir de son lit en une heure, raconte, encore ému, Jacques "
            "Fabre, 74 ans. On a tout perdu. »",
            "On a vu la rivière sortir de son lit en une heure",
            "On a tout perdu.",
            "Jacques Fabre",
        ),
    ],
)
def test_an_incise_inside_the_marks_with_adjuncts_or_a_long_role_cuts_the_quote(
    extract_fr, article, first, second, speaker
):
    found = extract_fr(article)
    assert [(item.text, item.speaker) for item in found] == [(first, speaker), (second, speaker)]


def test_an_incise_inside_the_marks_with_a_role_the_lexicon_lacks(extract_fr):
    article = (
        "Dans sa boutique de Figeac, Paul Segond répare des horloges depuis trente ans. « Le "
        "temps, ce n'est pas de l'argent, poursuit l'horloger. C'est un métier. »"
    )
    found = extract_fr(article)
    assert [item.text for item in found] == [
        "Le temps, ce n'est pas de l'argent",
        "C'est un métier.",
    ]


def test_an_interview_set_out_as_questions_and_answer_paragraphs(extract_fr):
    article = (
        "Entretien. Gardienne du phare de Cordouan depuis 2015, Anne Duclos nous a reçus au "
        "pied de la tour.\n\n"
        "Vous ne vous ennuyez jamais ?\n\n"
        "Jamais. La mer change toutes les heures.\n\n"
        "Et votre pire souvenir ?\n\n"
        "La tempête de 2020, quand la vedette n'a pas pu venir pendant douze jours."
    )
    found = extract_fr(article)
    assert [(item.text, item.speaker) for item in found] == [
        ("Jamais. La mer change toutes les heures.", "Anne Duclos"),
        (
            "La tempête de 2020, quand la vedette n'a pas pu venir pendant douze jours.",
            "Anne Duclos",
        ),
    ]


def test_a_dash_answer_needs_no_verb_after_a_dash_question(extract_fr):
    article = (
        "Trois questions à Hugo Mestre, nouveau directeur du salon du livre de Rodez.\n\n"
        "— Quels changements prévoyez-vous ?\n"
        "— Plus d'auteurs jeunesse, et une journée entière pour les scolaires."
    )
    (found,) = extract_fr(article)
    assert found.text == "Plus d'auteurs jeunesse, et une journée entière pour les scolaires."
    assert found.speaker == "Hugo Mestre"


def test_a_dialogue_turn_goes_on_after_its_incise(extract_fr):
    article = (
        "La sénatrice Odile Barrère était l'invitée de France Bleu Occitanie mardi matin.\n"
        "— Serez-vous candidate ?\n"
        "— Je n'ai pas encore décidé, répond la sénatrice. J'en parlerai d'abord aux maires."
    )
    found = extract_fr(article)
    assert [(item.text, item.speaker) for item in found] == [
        ("Je n'ai pas encore décidé", "Odile Barrère"),
        ("J'en parlerai d'abord aux maires.", "Odile Barrère"),
    ]


def test_a_name_down_a_roles_chain_of_complements_does_not_speak(extract_fr):
    article = (
        "« On nous a promis un médecin pour janvier », s'emporte la présidente de l'association "
        "des usagers de l'hôpital de Mauriac."
    )
    (found,) = extract_fr(article)
    assert found.speaker == "la présidente de l'association des usagers de l'hôpital de Mauriac"


@pytest.mark.parametrize(
    ("article", "speaker"),
    [
        (
            "La piscine municipale rouvrira le 2 septembre, indique-t-on à la mairie de Millau.",
            "la mairie de Millau",
        ),
        (
            "« Aucune décision n'a été prise », a-t-on assuré au cabinet de la ministre.",
            "cabinet de la ministre",
        ),
        ("« Il fera beau demain », dit-on à Toulouse.", None),
    ],
)
def test_on_speaks_for_the_body_it_is_found_at(extract_fr, article, speaker):
    (found,) = extract_fr(article)
    assert found.speaker == speaker


def test_the_same_source_is_the_source_named_before(extract_fr):
    article = (
        "Deux hommes ont été interpellés mardi à Agen, a-t-on appris auprès du parquet. Ils "
        "seront présentés à un juge jeudi, a précisé la même source."
    )
    found = find_quote(extract_fr(article), "Ils seront présentés")
    assert found.speaker == "parquet"


def test_reported_content_ends_before_a_gerund_after_a_comma(extract_fr):
    article = (
        "Selon les secours, au moins douze personnes ont été blessées, en faisant l'un des "
        "accidents les plus graves de l'année dans le département."
    )
    (found,) = extract_fr(article)
    assert found.text == "au moins douze personnes ont été blessées"


@pytest.mark.parametrize(
    "name_phrase",
    ["l'organisation « Action directe »", "la tempête « Ciarán »", "le parti « Les Écologistes »"],
)
def test_a_name_in_marks_after_its_kind_is_no_quoted_fragment(extract_fr, name_phrase):
    article = f"Selon la préfecture, deux militants liés à {name_phrase} ont été arrêtés à Lyon."
    (found,) = extract_fr(article)
    assert found.kind == "indirect"


@pytest.mark.parametrize(
    ("source", "speaker"),
    [("un riverain", "riverain"), ("l'association Vivre en ville", "association Vivre en ville")],
)
def test_a_participle_after_a_passive_clause_is_said_by_its_agent(extract_fr, source, speaker):
    article = (
        f"À Albi, une plainte a été déposée par {source}, affirmant que le chantier dépassait "
        "les horaires autorisés."
    )
    (found,) = extract_fr(article)
    assert found.speaker == speaker


def test_a_bare_participle_after_a_name_is_no_subject(extract_fr):
    article = (
        "La skieuse Tessa Worley, représentant la France a annoncé qu'elle mettait un terme à "
        "sa carrière."
    )
    (found,) = extract_fr(article)
    assert found.speaker == "Tessa Worley"


def test_a_participle_opening_the_sentence_does_not_make_the_colon_passive(extract_fr):
    article = (
        "Interrogée par Sud Ouest sur une candidature aux municipales, la sénatrice Anne Duprat "
        "a botté en touche : « Chaque chose en son temps. Je travaille pour mon département. »"
    )
    (found,) = extract_fr(article)
    assert found.speaker == "Anne Duprat"


@pytest.mark.parametrize(
    "article",
    [
        "Le ministre a insisté. « Il faut agir vite, expliquer la réforme, convaincre les "
        "Français. »",
        "Le maire s'agace. « Nous avons travaillé, annoncé des mesures, et rien ne change. »",
    ],
)
def test_a_list_of_infinitives_or_participles_in_a_quote_is_no_incise(extract_fr, article):
    (found,) = extract_fr(article)
    assert found.text.startswith(("Il faut agir vite", "Nous avons travaillé"))
    assert found.text.endswith(".")


@pytest.mark.parametrize(
    "article",
    [
        "Le maire Jean Dupont a présenté son plan.\nLes mesures :\n— Les cantines deviennent "
        "gratuites.\n— Les parkings sont payants dès 2025.",
        "Le gouvernement recule sur les retraites.\n– Lire aussi : Retraites, le texte est retiré",
        "Réforme des retraites : ce qui change.\n\nQuand pouvez-vous partir ?\n\nL'âge légal "
        "passe à 64 ans.\n\nCombien allez-vous toucher ?\n\nLa pension est calculée sur 25 ans.",
    ],
)
def test_lists_links_and_service_headings_are_no_speech(extract_fr, article):
    assert extract_fr(article) == []


def test_a_dialogue_turn_after_an_incise_with_a_title_goes_on_after_the_name(extract_fr):
    article = (
        "Le témoin a été entendu mardi.\n— Où étiez-vous ce soir-là ?\n— Chez moi, répond "
        "M. Durand. Je dormais."
    )
    found = extract_fr(article)
    assert [item.text for item in found] == ["Chez moi", "Je dormais."]


@pytest.mark.parametrize(
    ("article", "speaker"),
    [
        ("« Nous ne céderons pas. »\n\n— Publicité\n\nLa suite demain.", None),
        (
            "Le prévenu nie.\n— Où étiez-vous ?\n— Je suis resté chez moi, répond-il.\n— Pure "
            "invention, tranche la présidente.",
            "Le prévenu",
        ),
    ],
)
def test_a_dash_line_that_names_no_one_or_answers_signs_nothing(extract_fr, article, speaker):
    found = find_quote(extract_fr(article), "céderons" if "céderons" in article else "resté")
    assert found.speaker == speaker


@pytest.mark.parametrize(
    ("article", "speaker"),
    [
        ("« Le suspect a été arrêté », a-t-on indiqué à l'AFP.", None),
        (
            "« Le suspect a été arrêté », a-t-on confirmé à l'Agence France-Presse de source "
            "policière.",
            "source policière",
        ),
    ],
)
def test_on_speaks_for_no_medium_it_told(extract_fr, article, speaker):
    (found,) = extract_fr(article)
    assert found.speaker == speaker


def test_a_gerund_after_a_reporting_verbs_content_stays_in_it(extract_fr):
    article = (
        "Le ministre a annoncé que le gouvernement allait réduire le déficit, en supprimant "
        "10 000 postes."
    )
    (found,) = extract_fr(article)
    assert found.text.endswith("en supprimant 10 000 postes")


def test_advice_in_marks_is_a_quote(extract_fr):
    article = (
        "Face à la canicule, le médecin répète le même conseil : « Buvez beaucoup d'eau et "
        "restez au frais. »"
    )
    (found,) = extract_fr(article)
    assert found.text == "Buvez beaucoup d'eau et restez au frais."


def test_maintenant_que_is_an_adverb_not_maintenir(extract_fr):
    article = (
        "Les insurgés ne contrôlent maintenant que quelques quartiers dans le sud-est de la "
        "ville, où les combats se poursuivent."
    )
    assert extract_fr(article) == []


@pytest.mark.parametrize(
    ("article", "content"),
    [
        (
            "La navigatrice Claire Morin annonce son abandon en début de matinée le 11 novembre.",
            "son abandon",
        ),
        (
            "Le maire de Brest, Paul Le Goff, a annoncé mardi sa démission dans la soirée.",
            "sa démission",
        ),
        (
            "Le gouvernement a annoncé la tenue d'un sommet sur l'école en février prochain.",
            "la tenue d'un sommet sur l'école en février prochain",
        ),
    ],
)
def test_a_time_of_day_after_a_noun_object_is_the_writers(extract_fr, article, content):
    (found,) = extract_fr(article)
    assert found.text == content


def test_a_verb_after_an_apposition_and_before_a_date_reports_its_object(extract_fr):
    article = (
        "29 juillet 2016. – Le Front al-Nosra, branche en Syrie du groupe djihadiste Al-Qaida, "
        "annonce le 28 juillet 2016 la rupture de ses liens avec le groupe."
    )
    (found,) = extract_fr(article)
    assert found.text == "la rupture de ses liens avec le groupe"
    assert found.speaker == "Front al-Nosra"


def test_a_body_named_before_its_description_speaks(extract_fr):
    article = (
        "4 avril 2017. – Le Hamas, branche palestinienne des Frères musulmans, annonce le "
        "3 avril 2017 la rupture de ses liens avec la confrérie."
    )
    (found,) = extract_fr(article)
    assert found.speaker == "Hamas"


@pytest.mark.parametrize(
    ("article", "content", "speaker"),
    [
        (
            "La hausse du smic est refusée par le patronat, tel le Medef pour qui seule une "
            "augmentation liée à l'inflation pourrait être acceptable.",
            "seule une augmentation liée à l'inflation pourrait être acceptable",
            "Medef",
        ),
        (
            "La hausse est refusée par le syndicat, pour qui elle reste insuffisante.",
            "elle reste insuffisante",
            "le syndicat",
        ),
    ],
)
def test_pour_qui_opens_the_view_of_a_named_body(extract_fr, article, content, speaker):
    (found,) = extract_fr(article)
    assert (found.text, found.speaker) == (content, speaker)


@pytest.mark.parametrize(
    "article",
    [
        "Les familles pour qui la rentrée coûte cher recevront une aide de l'État.",
        "Il a remercié le maire, pour qui il a travaillé pendant dix ans.",
    ],
)
def test_pour_qui_after_people_or_a_sentence_subject_reports_nothing(extract_fr, article):
    assert extract_fr(article) == []


@pytest.mark.parametrize(
    "article",
    [
        "L'entraîneur Julien Ferrand a reconnu la défaite. « Je prends ma part de "
        "responsabilité, a-t-il poursuivi. Mais certains joueurs devront se regarder dans "
        "une glace. »",
        "L'entraîneur Julien Ferrand a reconnu la défaite. « Je prends ma part de "
        "responsabilité, a-t-il poursuivi lundi soir. Mais certains joueurs devront se "
        "regarder dans une glace. »",
        "L'entraîneur Julien Ferrand a reconnu la défaite. « Je prends ma part de "
        "responsabilité, a-t-il poursuivi au micro de France Bleu, lundi. Mais certains "
        "joueurs devront se regarder dans une glace. »",
    ],
)
def test_a_pronoun_incise_closing_a_sentence_splits_the_quote(extract_fr, article):
    first, second = extract_fr(article)
    assert first.text == "Je prends ma part de responsabilité"
    assert second.text == "Mais certains joueurs devront se regarder dans une glace."
    assert first.speaker == second.speaker == "Julien Ferrand"


@pytest.mark.parametrize(
    ("article", "speaker"),
    [
        (
            "Le groupe Valor va fermer son usine de Lorient, a déclaré à Reuters un porte-parole.",
            "porte-parole",
        ),
        (
            "Le groupe Valor va fermer son usine de Lorient, ont déclaré jeudi à Reuters deux "
            "sources au sein du groupe.",
            "deux sources",
        ),
        (
            "Le fonds souverain envisage de réduire son exposition aux valeurs américaines, a dit "
            "à Reuters une personne au fait des discussions, sous couvert d'anonymat.",
            "personne",
        ),
        (
            "Le chanteur a été laissé libre sous contrôle judiciaire, a indiqué dimanche à l'AFP "
            "son avocat, Me Xavier Boulin.",
            "Xavier Boulin",
        ),
    ],
)
def test_wire_copy_names_its_source_after_the_medium_told(extract_fr, article, speaker):
    (found,) = extract_fr(article)
    assert found.text == article.split(",")[0]
    assert found.speaker == speaker


def test_an_object_the_parser_hung_on_a_time_adjunct_is_reported(extract_fr):
    article = "Le gouvernement ouzbek a confirmé en fin de journée la mort de son président."
    (found,) = extract_fr(article)
    assert found.text == "la mort de son président"
    assert found.speaker == "Le gouvernement ouzbek"


def test_a_t_on_appris_closes_a_long_sentence_whatever_the_parse(extract_fr):
    article = (
        "Un homme de 43 ans a été interpellé dimanche soir à Lannion après avoir percuté "
        "volontairement un véhicule de gendarmerie, a-t-on appris lundi de source judiciaire."
    )
    (found,) = extract_fr(article)
    assert found.text == article[: article.index(", a-t-on")]
    assert found.speaker == "source judiciaire"


def test_dit_on_as_an_aside_reports_nothing(extract_fr):
    assert extract_fr("Le Premier ministre aurait, dit-on, l'intention de remanier.") == []


@pytest.mark.parametrize(
    ("article", "speaker"),
    [
        (
            "Le ministre des Armées ne briguera pas la mairie du Havre en 2026, assure-t-on dans "
            "son entourage.",
            "son entourage",
        ),
        ("Le ministre ne briguera pas la mairie, dit-on dans la région.", None),
    ],
)
def test_on_speaks_for_the_circle_it_is_found_in(extract_fr, article, speaker):
    (found,) = extract_fr(article)
    assert found.speaker == speaker


def test_a_role_after_the_name_closes_an_inner_incise(extract_fr):
    article = (
        "« Nous avons retrouvé des pesticides dans 40 % des échantillons, détaille Claire "
        "Mounier, hydrologue à l’université de Poitiers. C’est plus que ce que nous "
        "redoutions. »"
    )
    first, second = extract_fr(article)
    assert second.text == "C’est plus que ce que nous redoutions."
    assert first.speaker == second.speaker == "Claire Mounier"


@pytest.mark.parametrize(
    ("article", "content", "speaker"),
    [
        (
            "La ligne Bordeaux-Toulouse est, pour reprendre les mots du président de la région, "
            "Joël Faure, « le chantier du siècle pour le Sud-Ouest ».",
            "le chantier du siècle pour le Sud-Ouest",
            "Joël Faure",
        ),
        (
            "Ce parking est, selon l'expression de Paul Martin, « une verrue ».",
            "une verrue",
            "Paul Martin",
        ),
    ],
)
def test_the_words_of_someone_name_the_quotes_source(extract_fr, article, content, speaker):
    (found,) = extract_fr(article)
    assert (found.text, found.speaker) == (content, speaker)


def test_an_incise_after_a_relative_word_speaks_the_quote_after_it(extract_fr):
    article = (
        "À 24 ans, Yanis Berrada, champion d’Europe de judo, n’oublie pas d’où il vient : un "
        "quartier de Roubaix où, dit-il, « la plupart de mes copains ont mal tourné »."
    )
    (found,) = extract_fr(article)
    assert found.text == "la plupart de mes copains ont mal tourné"
    assert found.speaker == "Yanis Berrada"


def test_a_participle_opening_the_sentence_reports_up_to_the_main_clause(extract_fr):
    article = (
        "Estimant que la décision du gouvernement met en danger des centaines d’associations, "
        "la présidente de l'association, Nadège Okafor, a demandé à être reçue."
    )
    found = extract_fr(article)
    assert [(quote.text, quote.speaker) for quote in found] == [
        ("la décision du gouvernement met en danger des centaines d’associations", "Nadège Okafor")
    ]


@pytest.mark.parametrize(
    "article",
    [
        "La crise de la presse écrite que connaît la France se poursuit et s'aggrave, dans un "
        "contexte de baisse des ventes.",
        "La grève s'est poursuivie mardi dans les raffineries du pays.",
    ],
)
def test_a_reporting_verb_made_reflexive_reports_nothing(extract_fr, article):
    assert extract_fr(article) == []


def test_se_vanter_stays_a_reporting_verb_among_reflexives(extract_fr):
    article = (
        "Hillary Clinton a critiqué son rival. Elle souligne ses faillites. Une vidéo montrait "
        "Donald Trump se vantant « d'agripper les femmes »."
    )
    (found,) = extract_fr(article)
    assert found.speaker == "Donald Trump"


def test_an_aside_between_auxiliary_and_participle_makes_no_incise(extract_fr):
    article = (
        "Il a d'ailleurs, à ce sujet, proposé la suppression de cet article de la Constitution, "
        "qui permet de faire adopter un texte sans vote."
    )
    assert all(found.speaker != "Constitution" for found in extract_fr(article))


def test_a_dash_signature_may_carry_a_long_role(extract_fr):
    article = (
        "Ces chercheurs constatent que le niveau des mers est monté.\n\n"
        "« Le siècle dernier a été extraordinaire et la montée des océans s’est accélérée »\n\n"
        "— Robert Kopp, professeur adjoint au département des sciences de la Terre de "
        "l’université Rutgers\n\nSuivant une autre approche, les océans ont baissé."
    )
    signed = [found for found in extract_fr(article) if found.kind == "direct"]
    assert [found.speaker for found in signed] == ["Robert Kopp"]


@pytest.mark.parametrize(
    ("article", "quotes"),
    [
        ("Le parti soutient le président et le « oui » au référendum.", []),
        ("Le peuple turc a dit « oui » au référendum sur la réforme.", []),
        ("Interrogé sur une candidature, Paul Martin a répondu « non ».", ["non"]),
    ],
)
def test_a_ballot_option_in_marks_is_no_quote(extract_fr, article, quotes):
    assert [found.text for found in extract_fr(article)] == quotes


@pytest.mark.parametrize(
    ("article", "speaker"),
    [
        (
            "« Nous sommes attristés par la disparition de notre ami », peut-on lire sur la page "
            "Facebook du musicien.",
            "la page Facebook du musicien",
        ),
        (
            "« Le site restera fermé jusqu'à nouvel ordre », lit-on dans le communiqué.",
            "le communiqué",
        ),
        ("Le maire a lu : « Nous ne céderons pas. »", "Le maire"),
    ],
)
def test_where_one_reads_the_words_is_their_source(extract_fr, article, speaker):
    (found,) = extract_fr(article)
    assert found.speaker == speaker


def test_reading_a_book_reports_nothing(extract_fr):
    assert extract_fr("Il a lu un livre sur la guerre d'Algérie pendant l'été.") == []


@pytest.mark.parametrize(
    ("article", "expected"),
    [
        (
            "Le gouvernement a annoncé l'ouverture des magasins le dimanche et en soirée.",
            [("l'ouverture des magasins le dimanche et en soirée", "Le gouvernement")],
        ),
        (
            "La préfecture a annoncé un couvre-feu dans la nuit de samedi à dimanche pour les "
            "mineurs.",
            [("un couvre-feu dans la nuit de samedi à dimanche pour les mineurs", "La préfecture")],
        ),
        ("Il a longtemps travaillé pour Jacques Chirac, pour qui il a écrit des discours.", []),
        (
            "Le parquet a ouvert une enquête sur la mort de Nahel, pour qui une marche a eu lieu.",
            [],
        ),
        ("Les négociateurs se retrouveront lundi pour reprendre les termes du traité.", []),
        (
            "Le cessez-le-feu est respecté, a déclaré à France 24 le président ivoirien.",
            [("Le cessez-le-feu est respecté", "le président ivoirien")],
        ),
        (
            "Affirmant que l'usine, qui emploie 400 personnes, ne fermera pas, le ministre a "
            "rassuré les salariés.",
            [("l'usine, qui emploie 400 personnes, ne fermera pas", "le ministre")],
        ),
        (
            "Paul Roux est confiant. « Nous serons prêts, assure-t-il, en 2027. Le chantier "
            "avance. »",
            [
                ("Nous serons prêts", "Paul Roux"),
                ("en 2027. Le chantier avance.", "Paul Roux"),
            ],
        ),
        (
            "« Ce qu'il nous faut, martèle le maire Paul Martin, des actes. Pas des promesses. »",
            [
                ("Ce qu'il nous faut", "Paul Martin"),
                ("des actes. Pas des promesses.", "Paul Martin"),
            ],
        ),
        (
            "« Je sais où », affirme le militant Paul Vernier, « et je le dirai aux juges ».",
            [("Je sais où", "Paul Vernier"), ("et je le dirai aux juges", "Paul Vernier")],
        ),
        (
            "Paul Roux a été auditionné. « C'est une erreur, a-t-il insisté devant la commission "
            "du Sénat, qui l'auditionnait. Je l'assume. »",
            [("C'est une erreur", "Paul Roux"), ("Je l'assume.", "Paul Roux")],
        ),
    ],
)
def test_the_reviews_counter_examples(extract_fr, article, expected):
    assert [(found.text, found.speaker) for found in extract_fr(article)] == expected


@pytest.mark.parametrize(
    ("article", "not_a_speaker"),
    [
        (
            "L'Unédic, partenaires sociaux et gouvernement ont annoncé un accord sur le chômage.",
            "Unédic",
        ),
        (
            "Le ministre s'est rendu au Stade de France, a salué vendredi à Saint-Denis les "
            "supporters.",
            "les supporters",
        ),
    ],
)
def test_a_list_or_an_object_is_no_speaker(extract_fr, article, not_a_speaker):
    assert all(found.speaker != not_a_speaker for found in extract_fr(article))


def test_a_titles_article_is_no_object(extract_fr):
    article = "Le maire a confirmé à l'hebdomadaire Le Canard enchaîné l'existence du rapport."
    assert all(not found.text.startswith("Le Canard") for found in extract_fr(article))


@pytest.mark.parametrize(
    ("article", "content", "speaker"),
    [
        (
            "Le budget, selon sa cheffe de file Nadia Ferrand, « sacrifie l’investissement dans "
            "les quartiers ».",
            "Le budget, selon sa cheffe de file Nadia Ferrand, « sacrifie l’investissement dans "
            "les quartiers »",
            "Nadia Ferrand",
        ),
        (
            "Le préjudice s’élèverait, d’après la gendarmerie, à près de 8 000 euros.",
            "Le préjudice s’élèverait, d’après la gendarmerie, à près de 8 000 euros",
            "la gendarmerie",
        ),
        (
            "Budapest n’aurait, selon Bruxelles, pas respecté ses engagements.",
            "Budapest n’aurait, selon Bruxelles, pas respecté ses engagements",
            "Bruxelles",
        ),
        (
            "Trois personnes ont été tuées, selon la police, et dix blessées.",
            "Trois personnes ont été tuées",
            "la police",
        ),
    ],
)
def test_a_source_between_commas_inside_its_clause_reports_the_whole_clause(
    extract_fr, article, content, speaker
):
    found = find_quote(extract_fr(article), content)
    assert (found.text, found.speaker) == (content, speaker)


@pytest.mark.parametrize(
    ("article", "expected"),
    [
        (
            "« On a manqué de tout ce soir, a reconnu l’entraîneur du Stade lavallois, Thierry "
            "Ménard. De réalisme, de fraîcheur. » Battus 3-0 à domicile, les Tango glissent à la "
            "quinzième place.",
            [
                ("On a manqué de tout ce soir", "Thierry Ménard"),
                ("De réalisme, de fraîcheur.", "Thierry Ménard"),
            ],
        ),
        (
            "Le Premier ministre belge a présenté un plan d’économies. « Ce n’est pas un budget "
            "d’austérité, a-t-il lâché. C’est un budget de responsabilité. » Les syndicats ont "
            "annoncé une grève le 14 février, selon Le Soir.",
            [
                ("Ce n’est pas un budget d’austérité", "Le Premier ministre belge"),
                ("C’est un budget de responsabilité.", "Le Premier ministre belge"),
                ("Les syndicats ont annoncé une grève le 14 février", "Le Soir"),
            ],
        ),
    ],
)
def test_a_quote_ending_its_sentence_then_a_capital_ends_the_sentence(
    extract_fr, article, expected
):
    assert [(found.text, found.speaker) for found in extract_fr(article)] == expected


def test_what_follows_an_incise_ends_at_a_full_stop(extract_fr):
    article = (
        "Il est passé aux aveux, a annoncé le procureur, Yves Gambert, lors d’une conférence de "
        "presse. « Il a reconnu avoir étranglé la victime », a précisé le magistrat."
    )
    assert [found.text for found in extract_fr(article)] == [
        "Il est passé aux aveux",
        "Il a reconnu avoir étranglé la victime",
    ]


def test_the_newsrooms_own_information_is_no_source(extract_fr):
    article = (
        "D’après nos informations, le gérant de la société aurait avoué aux enquêteurs avoir "
        "employé des travailleurs sans papiers."
    )
    (found,) = extract_fr(article)
    assert found.text == "avoir employé des travailleurs sans papiers"
    assert found.speaker == "le gérant de la société"


def test_l_interesse_is_the_one_the_article_is_about(extract_fr):
    article = (
        "Kévin Le Dantec a été écarté du groupe par son entraîneur. Interrogé samedi, "
        "l’intéressé a démenti : « Je n’ai rien dit de tel. »"
    )
    (found,) = extract_fr(article)
    assert found.speaker == "Kévin Le Dantec"


@pytest.mark.parametrize(
    ("article", "expected"),
    [
        (
            "« J'ai eu très peur », s'est confiée la victime à La Dépêche.",
            [("J'ai eu très peur", "la victime")],
        ),
        (
            "« Nous avons respecté les procédures », se justifie le directeur de l'établissement.",
            [("Nous avons respecté les procédures", "le directeur de l'établissement")],
        ),
        (
            "Le député a répondu par un « non » catégorique à la question de la journaliste.",
            [("non", "Le député")],
        ),
        (
            "Selon nos confrères du Parisien, le joueur aurait signé un contrat de trois ans.",
            [("le joueur aurait signé un contrat de trois ans", "nos confrères du Parisien")],
        ),
        ("Les élections se tiendront, selon le calendrier prévu, en juin 2026.", []),
        (
            "Le projet est abandonné, ont annoncé jeudi à Paris le maire et son adjoint.",
            [("Le projet est abandonné", "le maire et son adjoint")],
        ),
        (
            "« Nous ne lâcherons rien, martèle Paul Martin, le gérant de l'entreprise. Nous irons "
            "jusqu'au bout. »",
            [
                ("Nous ne lâcherons rien", "Paul Martin"),
                ("Nous irons jusqu'au bout.", "Paul Martin"),
            ],
        ),
        (
            "Paul Roux est confiant. « Le dossier avance, assure-t-il, mardi soir. Nous aurons des "
            "réponses. »",
            [("Le dossier avance", "Paul Roux"), ("Nous aurons des réponses.", "Paul Roux")],
        ),
    ],
)
def test_the_second_reviews_counter_examples(extract_fr, article, expected):
    assert [(found.text, found.speaker) for found in extract_fr(article)] == expected


def test_a_long_dash_line_signs_only_after_a_name(extract_fr):
    article = (
        "« Nous n'avons plus rien. »\n\n— Extrait du rapport de la commission d'enquête, publié "
        "mardi, page 34"
    )
    assert [found.speaker for found in extract_fr(article)] == [None]


@pytest.mark.parametrize(
    ("article", "expected"),
    [
        ("L'organisation État islamique (Daech selon son acronyme arabe) a subi des revers.", []),
        ("Le groupe a revendiqué les attaques, confirmant ainsi les soupçons de la police.", []),
        ("La société a démenti les informations de presse évoquant un désaccord.", []),
        (
            "Le ministère a confirmé la mort de deux soldats.",
            [("la mort de deux soldats", "Le ministère")],
        ),
    ],
)
def test_a_name_or_what_was_said_before_is_no_content(extract_fr, article, expected):
    assert [(found.text, found.speaker) for found in extract_fr(article)] == expected


@pytest.mark.parametrize(
    ("article", "speaker"),
    [
        (
            "Paul Martin a interpellé la direction. La directrice, Anne Moreau, lui a répondu "
            "que le budget serait tenu.",
            "Anne Moreau",
        ),
        (
            "Le docteur Paul Anselme réclame des internes. L'agence régionale de santé, elle, "
            "assure que des médecins seront recrutés.",
            "agence régionale de santé",
        ),
        (
            "Jean Valdez a parlé lundi. Sa collègue a, elle, affirmé que la route rouvrira mardi.",
            "Sa collègue",
        ),
    ],
)
def test_a_pronoun_between_commas_takes_up_the_subject_before_it(extract_fr, article, speaker):
    assert [found.speaker for found in extract_fr(article)] == [speaker]


def test_qui_after_a_comma_speaks_for_the_noun_before_its_adjective(extract_fr):
    article = (
        "Poursuivi pour provocation, le militant a été relaxé mardi par le tribunal "
        "correctionnel, qui a jugé que ses propos relevaient du débat politique."
    )
    assert [found.speaker for found in extract_fr(article)] == ["le tribunal correctionnel"]


@pytest.mark.parametrize(
    ("article", "content", "speaker"),
    [
        (
            "Le projet est, aux yeux de la Confédération paysanne, « une provocation ».",
            "Le projet est, aux yeux de la Confédération paysanne, « une provocation »",
            "la Confédération paysanne",
        ),
        (
            "La directrice reste prudente : la fréquentation est, selon elle, « encore fragile ».",
            "la fréquentation est, selon elle, « encore fragile »",
            "La directrice",
        ),
        (
            "La saison est, pour l'entraîneur lyonnais, « une vraie réussite ».",
            "La saison est, pour l'entraîneur lyonnais, « une vraie réussite »",
            "entraîneur lyonnais",
        ),
    ],
)
def test_a_point_of_view_inside_its_clause_reports_the_whole_clause(
    extract_fr, article, content, speaker
):
    assert (content, speaker) in [(found.text, found.speaker) for found in extract_fr(article)]


def test_a_point_of_view_after_an_adjunct_reports_what_follows_it(extract_fr):
    article = "Cela dit, pour le vice-procureur, cette somme pourrait être bien plus importante."
    assert [found.text for found in extract_fr(article)] == [
        "cette somme pourrait être bien plus importante"
    ]


@pytest.mark.parametrize(
    ("article", "content"),
    [
        (
            "La ministre a annoncé en mai un plan de 2 000 logements, ce qui a été salué par les "
            "maires.",
            "un plan de 2 000 logements",
        ),
        (
            "Le candidat a aussitôt annoncé un recours contre ce refus, tout comme son rival "
            "écarté la veille.",
            "un recours contre ce refus",
        ),
        (
            "Le suspect avait affirmé sur un forum vouloir se venger, affirmation qu'il a répétée "
            "devant les policiers.",
            "vouloir se venger",
        ),
    ],
)
def test_an_object_ends_where_words_take_up_what_was_reported(extract_fr, article, content):
    assert [found.text for found in extract_fr(article)] == [content]


def test_a_relative_clause_after_a_source_describes_the_source(extract_fr):
    article = (
        "Le scrutin aura lieu en décembre, selon l'accord signé sous l'égide de l'Église, à "
        "laquelle l'opposition avait confié la médiation."
    )
    assert [found.text for found in extract_fr(article)] == ["Le scrutin aura lieu en décembre"]


def test_faire_dire_gives_the_word_to_the_noun_after_a(extract_fr):
    article = "Ce revirement a fait dire à la ministre que le gouvernement reculerait."
    assert [found.speaker for found in extract_fr(article)] == ["la ministre"]


def test_a_body_named_before_one_of_its_kind_speaks(extract_fr):
    article = "France 2, l'une des chaînes publiques, a confirmé faire confiance à son jury."
    assert [found.speaker for found in extract_fr(article)] == ["France 2"]


@pytest.mark.parametrize(
    "article",
    [
        "Le col porte depuis toujours le surnom de : « la bête », et les coureurs le redoutent.",
        "Il opérait sous le nom de « petit loup » sur les forums du réseau.",
    ],
)
def test_marks_after_a_name_word_hold_a_name(extract_fr, article):
    assert extract_fr(article) == []


def test_que_after_a_place_name_opens_a_relative_clause(extract_fr):
    article = (
        "L'armée a repris plusieurs villages, avançant vers la base aérienne de Tabqa qu'elle "
        "avait perdue en 2014."
    )
    assert extract_fr(article) == []


@pytest.mark.parametrize(
    ("article", "speakers"),
    [
        (
            "« J'ai douté jusqu'au bout », a souri Léa Marchal. « Mais je me sentais forte », a "
            "poursuivi la jeune femme.",
            ["Léa Marchal", "Léa Marchal"],
        ),
        (
            "« J'ai douté jusqu'au bout », a souri Léa Marchal. « Il fallait tenir », a poursuivi "
            "l'entraîneur.",
            ["Léa Marchal", "entraîneur"],
        ),
    ],
)
def test_a_role_going_on_with_the_last_quote_is_its_speaker(extract_fr, article, speakers):
    assert [found.speaker for found in extract_fr(article)] == speakers


def test_a_definite_body_noun_is_the_body_named_before(extract_fr):
    article = (
        "Le pilier Hugo Ferrand sera absent six semaines, a annoncé lundi le Stade rochelais. "
        "Le joueur souffre d'une entorse du genou, selon le club."
    )
    assert [found.speaker for found in extract_fr(article)] == ["le Stade rochelais"] * 2


@pytest.mark.parametrize(
    ("article", "speaker"),
    [
        (
            "Le ministre de l'Économie et des Finances a déclaré que la croissance ralentirait.",
            "Le ministre de l'Économie et des Finances",
        ),
        (
            "Le ministre de l'Intérieur et des élus locaux ont affirmé que la sécurité serait "
            "renforcée.",
            "Le ministre de l'Intérieur",
        ),
    ],
)
def test_a_ministers_second_portfolio_is_part_of_the_title(extract_fr, article, speaker):
    assert [found.speaker for found in extract_fr(article)] == [speaker]


@pytest.mark.parametrize(
    ("article", "expected"),
    [
        (
            "« Nous sommes soulagés », a déclaré Pierre Durand, le père de la victime. "
            "« L'enquête se poursuit », a ajouté le procureur.",
            [("Nous sommes soulagés", "Pierre Durand"), ("L'enquête se poursuit", "le procureur")],
        ),
        (
            "Emmanuel Macron a confié au maire de Marseille qu'il viendrait en septembre.",
            [("il viendrait en septembre", "Emmanuel Macron")],
        ),
        (
            "L'ONU a averti les dirigeants de Kinshasa qu'ils seraient tenus responsables.",
            [("ils seraient tenus responsables", "ONU")],
        ),
        (
            "La porte-parole a pris la parole en son nom : « Nous ne lâcherons rien. »",
            [("Nous ne lâcherons rien.", "La porte-parole")],
        ),
        (
            "La direction a fait annoncer au personnel que l'usine fermerait en décembre.",
            [("l'usine fermerait en décembre", "La direction")],
        ),
        (
            "Le maire a annoncé la rénovation de l'école, tout comme celle du gymnase.",
            [("la rénovation de l'école, tout comme celle du gymnase", "Le maire")],
        ),
        (
            "L'opposition a promis la suppression de la taxe, une déclaration de revenus "
            "simplifiée et un guichet unique.",
            [
                (
                    "la suppression de la taxe, une déclaration de revenus simplifiée et un "
                    "guichet unique",
                    "opposition",
                )
            ],
        ),
        ("Ce match est, pour Kylian Mbappé, le dernier sous le maillot parisien.", []),
        ("Cette réforme, eux affirment qu'elle est injuste.", [("elle est injuste", None)]),
    ],
)
def test_the_third_reviews_counter_examples(extract_fr, article, expected):
    assert [(found.text, found.speaker) for found in extract_fr(article)] == expected


@pytest.mark.parametrize(
    ("article", "speaker"),
    [
        (
            "Le directeur, Philippe Roussel, a reçu mercredi le délégué syndical du groupe, Samir "
            "Haddad. Ce dernier a affirmé que la direction avait fermé la porte.",
            "Samir Haddad",
        ),
        (
            "La pétition a été reçue mardi par l'adjoint aux mobilités. Celui-ci a promis que "
            "l'étude serait lancée avant l'été.",
            "adjoint aux mobilités",
        ),
        (
            "Philippe Goujon, député-maire, et Frédéric Lefebvre, député LR, tentaient de faire "
            "barrage. Ce dernier a affirmé que l'église devait être sauvée.",
            "Frédéric Lefebvre",
        ),
    ],
)
def test_ce_dernier_is_the_last_one_mentioned(extract_fr, article, speaker):
    assert [found.speaker for found in extract_fr(article)] == [speaker]


def test_le_premier_and_la_seconde_are_the_last_two_named_in_order(extract_fr):
    article = (
        "Deux témoins ont été entendus mardi : le gérant, Marc Delorme, et une serveuse, Inès "
        "Bouaziz. Le premier a juré que les extincteurs avaient été vérifiés. La seconde a "
        "affirmé qu'elle n'en avait jamais vu."
    )
    assert [found.speaker for found in extract_fr(article)] == ["Marc Delorme", "Inès Bouaziz"]


@pytest.mark.parametrize(
    ("article", "expected"),
    [
        (
            "Son producteur, selon qui « rien n'est encore décidé », doit s'exprimer lundi.",
            [("rien n'est encore décidé", "Son producteur")],
        ),
        (
            "Le rapport de la Cour des comptes, selon lequel le coût des travaux a été "
            "sous-estimé, a provoqué une polémique.",
            [("le coût des travaux a été sous-estimé", "Le rapport de la Cour des comptes")],
        ),
    ],
)
def test_a_source_relative_between_commas_ends_at_the_next_one(extract_fr, article, expected):
    assert [(found.text, found.speaker) for found in extract_fr(article)] == expected


def test_lequel_after_a_comma_speaks_for_the_noun_before_it(extract_fr):
    article = (
        "Le car a quitté la route, a indiqué dimanche le préfet de la Lozère, lequel a précisé "
        "que le conducteur avait été placé en garde à vue."
    )
    assert [found.speaker for found in extract_fr(article)] == ["le préfet de la Lozère"] * 2


@pytest.mark.parametrize(
    ("article", "content", "speaker"),
    [
        (
            "Les cabinets voisins devront accueillir ses patients. Ceux-ci sont déjà saturés, "
            "aux yeux du conseil de l'ordre des médecins.",
            "Ceux-ci sont déjà saturés",
            "conseil de l'ordre des médecins",
        ),
        (
            "Le chômage, aux yeux de l'économiste Clémence Varlet, « risque de remonter ».",
            "Le chômage, aux yeux de l'économiste Clémence Varlet, « risque de remonter »",
            "Clémence Varlet",
        ),
    ],
)
def test_aux_yeux_de_gives_a_view_like_selon(extract_fr, article, content, speaker):
    assert (content, speaker) in [(found.text, found.speaker) for found in extract_fr(article)]


def test_aux_yeux_de_tous_names_no_one(extract_fr):
    assert extract_fr("Il a marqué deux buts en finale, aux yeux de tous.") == []


def test_a_subject_cut_off_before_an_aside_still_has_its_verb(extract_fr):
    article = "Un quatrième suspect, en fuite, est activement recherché, selon la police."
    assert [(found.text, found.speaker) for found in extract_fr(article)] == [
        ("Un quatrième suspect, en fuite, est activement recherché", "la police")
    ]


def test_an_object_ends_before_the_writers_decision_noun(extract_fr):
    article = (
        "Le président du club a confirmé le maintien de l'entraîneur, une décision qui ne fait "
        "pas l'unanimité parmi les supporters."
    )
    assert [found.text for found in extract_fr(article)] == ["le maintien de l'entraîneur"]


@pytest.mark.parametrize(
    ("article", "expected"),
    [
        (
            "L'attaquant Olivier Giroud a signé jeudi au Los Angeles FC. Ce dernier a affirmé "
            "qu'il voulait finir sa carrière aux États-Unis.",
            [("il voulait finir sa carrière aux États-Unis", "Olivier Giroud")],
        ),
        (
            "La Ligue de football professionnel a sanctionné le Stade rennais. Selon le club, la "
            "sanction est disproportionnée.",
            [("la sanction est disproportionnée", "le club")],
        ),
        (
            "Le maire a reçu les riverains, selon lesquels les travaux, commencés en mai, "
            "provoquent des nuisances.",
            [("les travaux, commencés en mai, provoquent des nuisances", "les riverains")],
        ),
        (
            "« J'ai tout donné », a affirmé Kylian Mbappé. « Il faut rester unis », a ajouté le "
            "technicien madrilène.",
            [
                ("J'ai tout donné", "Kylian Mbappé"),
                ("Il faut rester unis", "le technicien madrilène"),
            ],
        ),
        (
            "Deux accusés, Jean Dupont et Paul Martin, comparaissent depuis lundi. Leur avocat, "
            "Marc Petit, a plaidé la relaxe. Le second a affirmé qu'il n'était pas sur place.",
            [("il n'était pas sur place", "Le second")],
        ),
        (
            "Jean Dupont, 45 ans, est le père de la victime. Celui-ci a affirmé que sa fille "
            "n'avait jamais reçu de menaces.",
            [("sa fille n'avait jamais reçu de menaces", "Jean Dupont")],
        ),
        (
            "Le patron de la banque centrale, selon qui l'inflation reculera en 2025, a maintenu "
            "les taux.",
            [("l'inflation reculera en 2025", "Le patron de la banque centrale")],
        ),
    ],
)
def test_the_fourth_reviews_counter_examples(extract_fr, article, expected):
    assert [(found.text, found.speaker) for found in extract_fr(article)] == expected


def test_a_source_phrase_after_an_apposed_subject_and_its_auxiliary_spans_the_clause(extract_fr):
    article = (
        "Le lion, un mâle de six ans, aurait, selon des gardiens du parc, franchi la clôture "
        "pendant la nuit."
    )
    assert [(found.text, found.speaker) for found in extract_fr(article)] == [
        (
            "Le lion, un mâle de six ans, aurait, selon des gardiens du parc, franchi la clôture "
            "pendant la nuit",
            "gardiens du parc",
        )
    ]


def test_a_wished_report_in_the_imperfect_subjunctive_is_no_report(extract_fr):
    article = "Il attendait que le ministre déclarât que la guerre était finie."
    assert extract_fr(article) == []


@pytest.mark.parametrize(
    ("article", "expected"),
    [
        (
            "Alors que le ministre affirmait que la réforme était juste, les syndicats ont "
            "appelé à la grève.",
            [("la réforme était juste", "le ministre")],
        ),
        (
            "Même si le maire a promis que les travaux seraient finis en mai, les riverains "
            "doutent.",
            [("les travaux seraient finis en mai", "le maire")],
        ),
    ],
)
def test_a_report_in_a_fronted_subordinate_clause_ends_where_the_main_clause_opens(
    extract_fr, article, expected
):
    assert [(found.text, found.speaker) for found in extract_fr(article)] == expected


def test_a_verb_with_a_complement_of_its_own_does_not_report_the_clause_before(extract_fr):
    article = "Le ministre jugeait que la réforme était juste, les syndicats ont appelé à la grève."
    assert [found.speaker for found in extract_fr(article)] == ["Le ministre"]


@pytest.mark.parametrize(
    ("article", "expected"),
    [
        (
            "Les chercheurs ont étudié le sol lunaire. Cela est dû selon eux à l'absence "
            "d'atmosphère.",
            [("Cela est dû selon eux à l'absence d'atmosphère", "Les chercheurs")],
        ),
        (
            "Le gérant a ouvert une librairie à Brest. Il mise sur les rencontres d'auteurs, "
            "qui attirent selon lui un public « très fidèle ».",
            [
                ("qui attirent selon lui un public « très fidèle »", "Le gérant"),
                ("très fidèle", "Le gérant"),
            ],
        ),
    ],
)
def test_selon_and_a_pronoun_inside_a_clause_without_commas(extract_fr, article, expected):
    assert [(found.text, found.speaker) for found in extract_fr(article)] == expected


def test_a_future_tagged_as_a_participle_still_makes_a_clause(extract_fr):
    article = "Selon lui, la rocade réduira de moitié le trafic."
    assert [found.text for found in extract_fr(article)] == [
        "la rocade réduira de moitié le trafic"
    ]


@pytest.mark.parametrize(
    ("article", "expected"),
    [
        (
            "La piscine municipale de Quimperlé restera fermée tout l'été. C'est ce qu'a "
            "annoncé mardi le maire, Paul Kervella, devant le conseil.",
            [("La piscine municipale de Quimperlé restera fermée tout l'été", "Paul Kervella")],
        ),
        (
            "Un Français sur trois a renoncé à des soins en 2025. C'est ce que révèle une "
            "étude de l'institut Ipsav publiée jeudi.",
            [("Un Français sur trois a renoncé à des soins en 2025", "étude de l'institut Ipsav")],
        ),
    ],
)
def test_cest_ce_qua_annonce_x_reports_the_sentence_before(extract_fr, article, expected):
    assert [(found.text, found.speaker) for found in extract_fr(article)] == expected


def test_a_role_in_lower_case_tagged_as_a_person_gives_way_to_the_name_after_it(extract_fr):
    article = (
        "Les loyers vont baisser, a affirmé jeudi le président de la Fédération des agents "
        "immobiliers, Bruno Ravanel, lors de la présentation de son baromètre."
    )
    assert [found.speaker for found in extract_fr(article)] == ["Bruno Ravanel"]


@pytest.mark.parametrize(
    ("article", "expected"),
    [
        (
            "De source policière, le conducteur a été placé en garde à vue.",
            [("le conducteur a été placé en garde à vue", "source policière")],
        ),
        (
            "Le prévenu a, de source judiciaire, reconnu les faits.",
            [("Le prévenu a, de source judiciaire, reconnu les faits", "source judiciaire")],
        ),
    ],
)
def test_de_source_x_is_an_anonymous_source_phrase(extract_fr, article, expected):
    assert [(found.text, found.speaker) for found in extract_fr(article)] == expected


@pytest.mark.parametrize(
    ("article", "expected"),
    [
        (
            "La cycliste aurait selon une source proche de l'enquête été renversée par un bus.",
            [
                (
                    "La cycliste aurait selon une source proche de l'enquête été renversée par "
                    "un bus",
                    "source proche de l'enquête",
                )
            ],
        ),
        (
            "Des chercheurs de l'université de Brest ont exhumé un crâne. Le fossile, vieux de "
            "deux millions d'années, serait selon eux l'un des plus anciens d'Europe.",
            [
                (
                    "Le fossile, vieux de deux millions d'années, serait selon eux l'un des plus "
                    "anciens d'Europe",
                    "Des chercheurs de l'université de Brest",
                )
            ],
        ),
    ],
)
def test_a_source_phrase_without_commas_after_the_auxiliary_or_the_copula(
    extract_fr, article, expected
):
    assert [(found.text, found.speaker) for found in extract_fr(article)] == expected


@pytest.mark.parametrize(
    ("article", "expected"),
    [
        (
            "Le ministre russe de la Défense, Oleg Sorine, aurait affirmé que l'armée "
            "« tiendrait ses positions », rapporte l'agence Interfax.",
            [
                ("l'armée « tiendrait ses positions »", "Oleg Sorine"),
                ("tiendrait ses positions", "Oleg Sorine"),
            ],
        ),
        (
            "Le général aurait assuré qu'il rendrait le pouvoir, rapporte Le Monde.",
            [("il rendrait le pouvoir", "Le général")],
        ),
    ],
)
def test_a_report_relayed_by_a_paper_is_the_reporters_own(extract_fr, article, expected):
    assert [(found.text, found.speaker) for found in extract_fr(article)] == expected


@pytest.mark.parametrize(
    ("article", "expected"),
    [
        (
            "Chez Renault, on explique que les ventes ont reculé de 8 %.",
            [("les ventes ont reculé de 8 %", "Renault")],
        ),
        (
            "Du côté de la SNCF, on assure que le trafic reprendra lundi.",
            [("le trafic reprendra lundi", "SNCF")],
        ),
        ("Chez nous, on dit que la pluie porte bonheur.", []),
    ],
)
def test_on_after_chez_or_du_cote_de_a_body_is_that_body(extract_fr, article, expected):
    assert [(found.text, found.speaker) for found in extract_fr(article)] == expected


@pytest.mark.parametrize(
    ("article", "expected"),
    [
        (
            "Lorsqu'il a été interrogé, le ministre a affirmé que la réforme, qui entrera en "
            "vigueur en janvier, serait votée avant l'été.",
            [
                (
                    "la réforme, qui entrera en vigueur en janvier, serait votée avant l'été",
                    "le ministre",
                )
            ],
        ),
        (
            "Si le temps le permet, le match aura lieu, le club l'a confirmé.",
            [("Si le temps le permet, le match aura lieu", "le club")],
        ),
        (
            "Aucune piste n'est écartée, les enquêteurs ont précisé à la presse.",
            [("Aucune piste n'est écartée", "les enquêteurs")],
        ),
        (
            "« Nous allons gagner », a déclaré l'entraîneur. C'est ce qu'a répété le capitaine "
            "en conférence de presse.",
            [("Nous allons gagner", "entraîneur")],
        ),
        ("Le lycée fermera à la rentrée. C'est ce qu'a appris l'équipe par un courriel.", []),
        ("Selon les historiens, un passage extrait du carnet du soldat.", []),
    ],
)
def test_the_fifth_reviews_counter_examples(extract_fr, article, expected):
    assert [(found.text, found.speaker) for found in extract_fr(article)] == expected


def test_a_source_phrase_before_an_infinitive_of_the_clause_keeps_the_whole_clause(extract_fr):
    article = "Le joueur serait selon plusieurs médias sur le point de signer au Real Madrid."
    assert [found.text for found in extract_fr(article)] == [
        "Le joueur serait selon plusieurs médias sur le point de signer au Real Madrid"
    ]


@pytest.mark.parametrize(
    "article",
    [
        "Les tarifs du téléphérique varieront selon l'âge et selon la saison.",
        "Les prix diffèrent fortement selon les saisons.",
    ],
)
def test_selon_after_a_verb_of_varying_gives_a_criterion(extract_fr, article):
    assert extract_fr(article) == []


@pytest.mark.parametrize(
    ("article", "expected"),
    [
        (
            "Le musée, qui accueille selon la direction plus de 500 000 visiteurs par an, va "
            "fermer.",
            [("qui accueille selon la direction plus de 500 000 visiteurs par an", "la direction")],
        ),
        (
            "La pénurie est liée selon les pharmaciens à des problèmes de production.",
            [
                (
                    "La pénurie est liée selon les pharmaciens à des problèmes de production",
                    "les pharmaciens",
                )
            ],
        ),
    ],
)
def test_a_bare_source_phrase_ends_before_a_count_or_a_complement(extract_fr, article, expected):
    assert [(found.text, found.speaker) for found in extract_fr(article)] == expected


@pytest.mark.parametrize(
    ("article", "speaker"),
    [
        (
            "Le groupe va céder sa filiale, selon ce qu'a confié à l'AFP le directeur financier.",
            "le directeur financier",
        ),
        (
            "Le chauffeur a été agressé lundi, selon ce qu'a confié au Parisien un collègue.",
            "collègue",
        ),
    ],
)
def test_selon_ce_qua_confie_skips_whom_it_was_told(extract_fr, article, speaker):
    assert [found.speaker for found in extract_fr(article)] == [speaker]


def test_lun_deux_speaks_for_the_group_just_named(extract_fr):
    article = (
        "Le plan sera voté jeudi, ont déclaré deux responsables syndicaux. Il coûtera deux "
        "milliards, a précisé l'un d'eux."
    )
    assert [found.speaker for found in extract_fr(article)] == [
        "deux responsables syndicaux",
        "deux responsables syndicaux",
    ]


@pytest.mark.parametrize(
    ("article", "expected"),
    [
        (
            "Le ministre nous avait promis que l'usine resterait ouverte, a regretté un salarié.",
            [("Le ministre nous avait promis que l'usine resterait ouverte", "salarié")],
        ),
        (
            "Le sélectionneur a annoncé que Mbemba ne jouerait pas, a démenti la fédération.",
            [("Le sélectionneur a annoncé que Mbemba ne jouerait pas", "la fédération")],
        ),
        (
            "Les prix ont beaucoup varié selon le ministère de l'Économie.",
            [("Les prix ont beaucoup varié", "ministère de l'Économie")],
        ),
        ("Chez les Français, on estime majoritairement que la réforme est injuste.", []),
        (
            "Au sein du gouvernement, on explique que la réforme sera votée.",
            [("la réforme sera votée", "gouvernement")],
        ),
        (
            "La loi a été adoptée par 312 voix contre 240. C'est le texte défendu par le "
            "ministre du Travail.",
            [],
        ),
        (
            "Trois morts sur les routes. C'est le bilan annoncé par le préfet en fin de journée.",
            [("Trois morts sur les routes", "le préfet")],
        ),
        (
            "Le projet a été retardé selon l'adjoint au maire chargé de l'urbanisme.",
            [("Le projet a été retardé", "adjoint au maire chargé de l'urbanisme")],
        ),
        (
            "Les policiers ont interrogé plusieurs témoins. « J'ai tout vu », a affirmé l'un "
            "d'eux.",
            [("J'ai tout vu", "plusieurs témoins")],
        ),
    ],
)
def test_the_sixth_reviews_counter_examples(extract_fr, article, expected):
    assert [(found.text, found.speaker) for found in extract_fr(article)] == expected


@pytest.mark.parametrize(
    "article",
    [
        'Il a battu le record établi par Michael Johnson (43"18) en courant la finale en 43"03.',
        "Il a notamment été élu « Sportif le plus populaire des derniers 50 ans » en 2004.",
        "L'association est interdite depuis octobre (lire notre article du 3 novembre).",
    ],
)
def test_seconds_honours_and_reading_pointers_are_no_quotes(extract_fr, article):
    assert extract_fr(article) == []


def test_an_infinitive_after_the_verbs_object_is_no_content(extract_fr):
    article = (
        "Elle était en tribune pour observer son compagnon, Tony Yoka, se qualifier pour la finale."
    )
    assert extract_fr(article) == []


def test_pour_x_before_de_and_an_infinitive_gives_no_view(extract_fr):
    article = "Mais impossible, pour Froome, d'utiliser ce vélo car ses cales ne s'adaptaient pas."
    assert extract_fr(article) == []


def test_a_participle_after_an_aside_that_follows_its_auxiliary_is_no_incise(extract_fr):
    article = "La Commission européenne a, ce mercredi 22 février, menacé l'Italie de sanctions."
    assert extract_fr(article) == []


@pytest.mark.parametrize(
    ("article", "expected"),
    [
        (
            "Les élus « ne lâcheront rien », a prévenu la présidente du groupe, Sophie Vidal.",
            [("ne lâcheront rien", "Sophie Vidal")],
        ),
        (
            "La nouvelle présidente a été nommée « dans l'urgence », a dénoncé l'opposition.",
            [("dans l'urgence", "opposition")],
        ),
        (
            "Le projet est « mort-né » (affirme le maire, Luc Perrin) et ne verra jamais le jour.",
            [("mort-né", "Luc Perrin")],
        ),
        (
            "Le maire assure ne rien savoir de cette affaire.",
            [("ne rien savoir de cette affaire", "Le maire")],
        ),
        ("Le prévenu a déclaré le 12 mars avoir agi seul.", [("avoir agi seul", "Le prévenu")]),
        (
            "Pour le maire, de devoir fermer cette école est un crève-cœur.",
            [("de devoir fermer cette école est un crève-cœur", "le maire")],
        ),
        (
            "Le préfet a reçu les représentants des taxis. « Nous n'avons rien obtenu », a "
            "déploré l'un d'eux à la sortie.",
            [("Nous n'avons rien obtenu", None)],
        ),
    ],
)
def test_the_seventh_reviews_counter_examples(extract_fr, article, expected):
    assert [(found.text, found.speaker) for found in extract_fr(article)] == expected
