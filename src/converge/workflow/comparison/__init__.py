"""A group's comparison, in one place: its differences as data, stored for readers, and its page's rows.

differences: a GroupDiff turned into each trust's text with the differing words marked (ReviewData);
stored: the review data computed when a group's members change and read back by fingerprint;
group: a match group with its members and documents read in one plain query.
"""
