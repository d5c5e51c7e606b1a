package org.jdpu.dse;

import org.jdpu.io.UserError;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Combines the {@code dse.csv} files of the shards of one exploration ({@code --shard K/N}): every
 * row must be a candidate of the same design space, none may appear twice, and together they must
 * cover the space. Rows come back as outcomes without per-layer figures (the CSV has none).
 */
public final class ShardMerge {
    private ShardMerge() {}

    /** The outcomes of {@code space} in its order, read from the shards' CSV files. */
    public static List<Outcome> merge(List<Candidate> space, List<Path> csvFiles) {
        Map<String, Candidate> byLabel = new LinkedHashMap<>();
        for (Candidate c : space) byLabel.put(c.label(), c);
        Map<String, Outcome> found = new HashMap<>();
        Map<String, Path> from = new HashMap<>();
        for (Path f : csvFiles) {
            List<String> lines;
            try {
                lines = Files.readAllLines(f);
            } catch (IOException e) {
                throw new UserError("--merge " + f + ": cannot read: " + e.getMessage());
            }
            for (int n = 1; n < lines.size(); n++) {
                if (lines.get(n).isBlank()) continue;
                List<String> cell = cells(lines.get(n));
                String where = f + ":" + (n + 1);
                if (cell.size() != 22) throw new UserError(where + ": expected 22 fields of a dse.csv row, got " + cell.size());
                Candidate c = byLabel.get(cell.get(0));
                if (c == null) throw new UserError(where + ": '" + cell.get(0) + "' is not a candidate of this design space (same axis options as the shards?)");
                if (from.containsKey(c.label())) {
                    throw new UserError(where + ": '" + c.label() + "' is also in " + from.get(c.label()) + "; the shards overlap");
                }
                from.put(c.label(), f);
                try {
                    found.put(c.label(), switch (cell.get(12)) {
                        case "evaluated", "screened" -> new Outcome.Evaluated(c, Long.parseLong(cell.get(13)), Double.parseDouble(cell.get(14)),
                                Double.parseDouble(cell.get(15)), new ResourceEstimate(Long.parseLong(cell.get(16)),
                                Long.parseLong(cell.get(17)), Long.parseLong(cell.get(18)), Double.parseDouble(cell.get(19)), 0), List.of(),
                                cell.get(12).equals("evaluated"));
                        case "refused" -> new Outcome.Refused(c, cell.get(21));
                        default -> throw new UserError(where + ": status '" + cell.get(12) + "' is none of evaluated, screened, refused");
                    });
                } catch (NumberFormatException e) {
                    throw new UserError(where + ": a number does not parse: " + e.getMessage());
                }
            }
        }
        List<String> missing = byLabel.keySet().stream().filter(l -> !found.containsKey(l)).toList();
        if (!missing.isEmpty()) {
            throw new UserError("--merge: " + missing.size() + " candidate(s) of the space are in no shard, e.g. '" + missing.getFirst()
                    + "'; give every shard's dse.csv");
        }
        List<Outcome> out = new ArrayList<>();
        for (String l : byLabel.keySet()) out.add(found.get(l));
        return out;
    }

    /** The fields of one CSV line: commas split, double quotes group ("" is a quote). */
    static List<String> cells(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    cur.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(ch);
            }
        }
        out.add(cur.toString());
        return out;
    }
}
