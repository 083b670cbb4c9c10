"""What the role tests ask of a story: its places' role names, one role."""


def roles(mapper, text):
    """{place name: set of role names}"""
    story = mapper.geoparse(text, shapes=False)
    return {p.name: {r.name for r in p.roles} for p in story.places}


def role_of(mapper, text, place_name, role_name):
    """The place's role of that name (the first, if several sentences give it)."""
    story = mapper.geoparse(text, shapes=False)
    place = next(p for p in story.places if p.name == place_name)
    return next(r for r in place.roles if r.name == role_name)
