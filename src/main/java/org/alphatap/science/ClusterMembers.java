package org.alphatap.science;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.alphatap.survey.ClusterColumn;
import org.alphatap.survey.ColumnTable;
import org.alphatap.survey.LamostColumn;
import org.alphatap.survey.MemberColumn;
import org.alphatap.survey.Values;

/**
 * Hunt &amp; Reffert members found in LAMOST: each member matched to its spectra by Gaia DR3 id
 * (or by position within the radius for spectra without a usable id, when the member table has
 * positions), keeping the highest-S/N spectrum; each member tied to its cluster by name (spaces
 * read as underscores) or by catalogue ID.
 */
public final class ClusterMembers {
    /** A LAMOST-observed member: cluster row in the cluster table, rows in the member and LAMOST tables. */
    public record Member(int cluster, int memberRow, int lamostRow, long gaiaId, double probability) {
    }

    private final Map<Integer, List<Member>> byCluster = new LinkedHashMap<>();
    /** Every member's Gaia id and LAMOST row, of any cluster and probability: who is held out of training. */
    private final Set<Long> gaiaIds = new HashSet<>();
    private final Set<Integer> lamostRows = new HashSet<>();
    private int unknownCluster;

    public static ClusterMembers match(ColumnTable<MemberColumn> members, ColumnTable<ClusterColumn> clusters,
            ColumnTable<LamostColumn> lamost, double radiusArcsec) {
        int n = members.size();
        // Positions are NaN when the member table has none: then only Gaia ids match.
        int[] best = SkyMatcher.of(members, MemberColumn.GAIADR3, MemberColumn.RA_ICRS, MemberColumn.DE_ICRS,
                radiusArcsec).bestSpectra(lamost, n,
                new EnumMap<>(SkyMatcher.Method.class));
        Map<String, Integer> byName = new HashMap<>();
        Map<Integer, Integer> byId = new HashMap<>();
        for (int c = 0; c < clusters.size(); c++) {
            byName.put(ClusterColumn.normaliseName(clusters.text(ClusterColumn.NAME, c)), c);
            int id = clusters.integer(ClusterColumn.ID, c);
            // The first row of an id: the shipped table lists the 2024 catalogue before three 2023
            // moving groups that reuse 2024 ids, and a 2024 member table means the 2024 clusters.
            if (id != Values.MISSING_INT) {
                byId.putIfAbsent(id, c);
            }
        }
        ClusterMembers out = new ClusterMembers();
        for (int m = 0; m < n; m++) {
            if (best[m] < 0) {
                continue;
            }
            out.gaiaIds.add(members.id(MemberColumn.GAIADR3, m));
            out.lamostRows.add(best[m]);
            String name = members.text(MemberColumn.NAME, m); // null when the table names clusters by ID
            Integer c = name == null ? null : byName.get(ClusterColumn.normaliseName(name));
            if (c == null) {
                c = byId.get(members.integer(MemberColumn.ID, m));
            }
            if (c == null) {
                out.unknownCluster++;
                continue;
            }
            out.byCluster.computeIfAbsent(c, k -> new ArrayList<>())
                    .add(new Member(c, m, best[m], members.id(MemberColumn.GAIADR3, m), members.real(MemberColumn.PROB, m)));
        }
        return out;
    }

    /** Observed members by cluster row, clusters in catalogue-match order. */
    public Map<Integer, List<Member>> byCluster() {
        return byCluster;
    }

    /** Whether a star (by Gaia id, or by LAMOST row when it has none) is a LAMOST-observed member of any cluster. */
    public boolean contains(long gaiaId, int lamostRow) {
        return (Values.hasId(gaiaId) && gaiaIds.contains(gaiaId)) || lamostRows.contains(lamostRow);
    }

    /** The member record of a star of cluster row {@code cluster} by its Gaia id, or null. */
    public Member find(int cluster, long gaiaId) {
        for (Member m : byCluster.getOrDefault(cluster, List.of())) {
            if (m.gaiaId() == gaiaId) {
                return m;
            }
        }
        return null;
    }

    /** Members matched to LAMOST whose cluster is in neither the name nor the ID index. */
    public int unknownCluster() {
        return unknownCluster;
    }

    public int memberCount() {
        return byCluster.values().stream().mapToInt(List::size).sum();
    }
}
