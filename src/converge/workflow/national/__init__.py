"""National guidance on the database: links from local documents to national ones, the register of
deviations, and the national wording beside a group's differences (the pure comparison is core.national).
"""
