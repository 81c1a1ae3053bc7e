"""The web companion's core: sign-in links and tokens (access), the REST API's reads and writes (api), pages' views (views)."""
