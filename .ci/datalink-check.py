"""pyvo (Debian's) follows the DataLink descriptors of TAP results: the links of stars and clusters.
Usage: /usr/bin/python3 .ci/datalink-check.py http://host:port/tap"""
import sys, pyvo
tap = pyvo.dal.TAPService(sys.argv[1])
checked = 0
for query, expect in [("SELECT TOP 3 pub_did, obsid FROM alpha.stars ORDER BY obsid", {"#this", "#preview", "#auxiliary", "#proc"}),
                      ("SELECT TOP 2 name FROM alpha.clusters ORDER BY name", {"#progenitor"})]:
    result = tap.search(query)
    ids = [str(r[result.fieldnames[0]]) for r in result]
    seen = []
    for links in result.iter_datalinks():
        rows = list(links)
        semantics = {r["semantics"] for r in rows}
        assert expect <= semantics, (query, semantics)
        assert all(r["ID"] == rows[0]["ID"] for r in rows)
        assert len(semantics) == len(rows), f"links repeated for {rows[0]['ID']}: {len(rows)} rows"  # one per kind
        seen.append(rows[0]["ID"])
        for r in rows:
            if r["access_url"]:
                assert r["access_url"].startswith(("http://", "https://")), r["access_url"]
        checked += len(rows)
    assert seen == ids, (seen, ids)
print(f"pyvo iter_datalinks: {checked} links of 3 stars and 2 clusters")
