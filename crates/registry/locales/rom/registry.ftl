# Romani of Kosovo (Latin script). Every message here was written without a Romani speaker and
# is marked `# review` until one has read it (see docs/localisation.md); `drom locales` lists
# them. A message missing here falls back to English.

# review: rom
person-household = Kher

# review: rom
person-no-household = Nane ko nijekh kher.

# review: rom
person-history = Historija

# review: rom
person-audit = Trag e kontrolako

# review: rom
person-withheld = Varesave podatke na sikavdžon: tiro akaunto nane les kodoja dozvola.

# review: rom
person-withdraw-title = Ikaljipe e saglasnostako

# review: rom
person-consent-withdrawn = I saglasnost ikaldži

# review: rom
household-create-with-head = Ker kher kaj kava manuš si šero
