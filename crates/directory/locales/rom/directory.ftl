# Romani of Kosovo (Latin script): the service finder's main messages. Every message here was
# written without a Romani speaker and is marked `# review` until one has read it (see
# docs/localisation.md). A message missing here falls back to English.


# review: rom
finder-title = Rod jekh servisi

# review: rom
finder-search = Lava

# review: rom
finder-need = Trebutnipe

# review: rom
finder-municipality = Komuna

# review: rom
finder-language = Čhib savi vakerelpe

# review: rom
finder-open-now = Phravdo akana

# review: rom
finder-any = Savo te avel

# review: rom
finder-submit = Rod

# review: rom
finder-open = Phravdo akana

# review: rom
finder-none = Nijekh servisi na arakhlo. Zumav tikneder filtrura.

# review: rom
finder-previous = Palal

# review: rom
finder-next = Anglal

# review: rom
finder-map = Servisura palo komune

# review: rom
finder-back = Sa e servisura

# review: rom
finder-address = Adresa

# review: rom
finder-transportation = Sar te resos

# review: rom
finder-hours = Vrama kana si phravdo

# review: rom
finder-documents = So te ande

# review: rom
finder-languages = Čhibja save vakerenpe

# review: rom
finder-contact = Kontakti

# review: rom
finder-language-rom = Romani
