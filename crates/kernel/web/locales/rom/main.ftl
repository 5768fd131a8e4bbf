# Romani: started with messages whose translation is sure; every other message falls back to
# English. Add more only with a fluent speaker's review.
landing-title = Mišto avilen ko Drom
language = Čhib
nav-home = Kher
search = Rode
