# Rad na slučaju: dodela, zadaci, beleške, datoteke, hronologija.
casework-title = Rad na slučaju
casework-assigned-to = Dodeljeno: { $name }
casework-unassigned = Ovaj zapis nije nikome dodeljen.
casework-assign-label = Dodeli
casework-nobody = nikome
casework-assign = Dodeli
casework-take = Preuzmi ovaj slučaj
casework-tasks = Otvoreni zadaci
casework-no-tasks = Nema otvorenih zadataka.
casework-add-note = Dodaj belešku
casework-note = Beleška
casework-note-special = Ova beleška otkriva posebnu kategoriju (zdravlje, trgovina ljudima, položaj maloletnika)
casework-save-note = Sačuvaj belešku
casework-add-file = Priloži datoteku
casework-file-kind = Šta je datoteka
casework-file = Datoteka
casework-file-hint = PDF, PNG, JPEG, WebP ili TIFF, najviše { $mib } MiB. Vrsta se čita iz same datoteke.
casework-file-description = Opis (po želji)
casework-file-special = Ova datoteka otkriva posebnu kategoriju
casework-upload = Priloži
casework-timeline = Hronologija
casework-timeline-empty = Još ništa nije zabeleženo.
casework-withheld = { $count ->
    [one] { $count } beleška ili datoteka otkriva posebnu kategoriju i prikazuje se samo korisnicima s tim ovlašćenjem.
    [few] { $count } beleške ili datoteke otkrivaju posebnu kategoriju i prikazuju se samo korisnicima s tim ovlašćenjem.
   *[other] { $count } beleški ili datoteka otkriva posebnu kategoriju i prikazuju se samo korisnicima s tim ovlašćenjem.
}
casework-kind-note = beleška
casework-special = posebna kategorija
casework-refused = Ovo nije moglo da se sačuva
casework-your-text = Šta ste napisali, da se ništa ne izgubi:
casework-back = Nazad na zapis
casework-field-body = Beleška
casework-field-special = Posebna kategorija
casework-field-kind = Šta je datoteka
casework-field-file = Datoteka
casework-field-description = Opis
casework-field-title = Zadatak
casework-field-due_on = Rok
casework-field-user_id = Dodeli
casework-field-assignee = Za
casework-field-subject = Zapis
casework-field-subject_id = Zapis
attachment-signed-consent = potpisan obrazac saglasnosti
attachment-identity-document = lični dokument
attachment-civil-document = dokument matične evidencije
attachment-medical-letter = lekarsko pismo (posebna kategorija)
attachment-correspondence = prepiska
attachment-other = drugi dokument
tasks-title = Moji zadaci
tasks-none = Nema otvorenih zadataka.
tasks-count = { $count ->
    [one] { $count } otvoren zadatak.
    [few] { $count } otvorena zadatka.
   *[other] { $count } otvorenih zadataka.
}
tasks-overdue = kasni:
tasks-due = rok { $date }
tasks-done = Urađeno
tasks-new = Novi zadatak
tasks-what = Šta treba uraditi
tasks-due-on = Rok
tasks-add = Dodaj zadatak
task-rule-monitoring-visit = Praćenje: poseta osobi { $person }, { $months } meseci posle povratka
team-title = Opterećenje tima
team-lead = Ko koliko drži: dodeljeni zapisi, otvoreni zadaci i zadaci koji kasne po osobi, i zadaci koje niko ne drži.
team-load = Opterećenje po osobi
team-worker = Osoba
team-assigned = Dodeljeni zapisi
team-open-tasks = Otvoreni zadaci
team-overdue = Zadaci koji kasne
team-unheld = Zadaci koje niko ne drži
timeline-assignment-set = dodela promenjena
timeline-task-create = zadatak zapisan
timeline-task-complete = zadatak urađen
timeline-person-create = upisano
timeline-person-update = zapis promenjen
timeline-person-consent-withdraw = saglasnost povučena
timeline-return-case-create = slučaj otvoren
timeline-return-case-import = slučaj uvezen iz datoteke
timeline-return-case-gate-override-request = zatraženo zaobilaženje zaštitne kapije
timeline-return-case-gate-override-confirm = potvrđeno zaobilaženje zaštitne kapije
invalid-file-empty = je prazna: izaberite datoteku
invalid-file-too-large = je veća od { $mib } MiB
invalid-file-type = nije prihvaćena datoteka (njen sadržaj je { $found }; prihvataju se: { $accepted })
invalid-not-agency-user = korisnik { $user } nije aktivan korisnik vaše agencije
invalid-not-caseworker = korisnik { $user } ne može da radi na slučajevima (posmatrač ili onemogućen nalog)
refusal-task-done = Zadatak { $id } je već urađen.
refusal-attachment-missing = Datoteka priloga { $id } nedostaje u skladištu: javite administratoru sistema.
refusal-attachment-damaged = Datoteka priloga { $id } više ne odgovara kontrolnom zbiru i ne šalje se: javite administratoru sistema.
refusal-attachment-unwritable = Datoteka nije mogla da se sačuva: javite administratoru sistema.
home-my-work = Moj posao
home-my-tasks = Moji zadaci
home-tasks-overdue = { $count ->
    [one] { $count } kasni.
    [few] { $count } kasne.
   *[other] { $count } kasni.
}
home-all-tasks = Svi moji zadaci
home-my-cases = Moji slučajevi
home-no-cases = Nijedan otvoren slučaj vam nije dodeljen.
home-my-cases-count = { $count ->
    [one] { $count } otvoren slučaj je vaš.
    [few] { $count } otvorena slučaja su vaša.
   *[other] { $count } otvorenih slučajeva je vaše.
}
home-all-cases = Svi moji slučajevi
home-unassigned = { $count ->
    [one] { $count } otvoren slučaj niko ne drži
    [few] { $count } otvorena slučaja niko ne drži
   *[other] { $count } otvorenih slučajeva niko ne drži
}
