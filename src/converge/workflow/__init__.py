"""The workflow services: what people do with a library, on the database (a Session in, plain data out).

library, versions, uploads, vocab, orgs and accounts keep the libraries and the people; groups and
incremental match them into groups; comparison/ is a group's comparison (its differences, stored for
readers); review, confirming, signoff, notify, openwork, mywork, queue and draft take a group to one
shared policy; jobs and taskqueue run the slow steps in the background; national/ links local documents
to national guidance. No Flask here, and nothing from reports, cli or web.
"""
