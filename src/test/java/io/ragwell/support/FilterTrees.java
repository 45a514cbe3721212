package io.ragwell.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import io.ragwell.core.MetadataFilter;
import io.ragwell.core.MetadataFilter.And;
import io.ragwell.core.MetadataFilter.Comparison;
import io.ragwell.core.MetadataFilter.In;
import io.ragwell.core.MetadataFilter.Op;
import io.ragwell.core.MetadataFilter.Or;
import io.ragwell.query.filter.FilterParser;

/**
 * Seeded filter trees at the clause bound, for checking that every store converter stays within its store's
 * limits for the largest filter the parser lets through.
 */
public final class FilterTrees {

	/** The seed, from {@code -Dragwell.test.seed} when replaying a failure. */
	public static final long SEED = Long.getLong("ragwell.test.seed", 20261201L);

	private FilterTrees() {
	}

	/**
	 * The worst shapes at {@code clauses} conditions: all negations (two leaves each in Lucene and OpenSearch),
	 * negated lists of mixed types, one flat $or, and two full lists.
	 */
	public static List<MetadataFilter> largest(int clauses) {
		List<MetadataFilter> negations = new ArrayList<>();
		List<MetadataFilter> mixedNin = new ArrayList<>();
		List<MetadataFilter> equalities = new ArrayList<>();
		for (int i = 0; i < clauses; i++) {
			negations.add(new Comparison("k" + i, Op.NE, (i % 3 == 0) ? (Object) ("v" + i) : (Object) (long) i));
			equalities.add(new Comparison("k" + (i % 7), Op.EQ, (i % 2 == 0) ? (Object) true : (Object) (double) i));
		}
		for (int i = 0; i + 3 <= clauses; i += 3) {
			mixedNin.add(new In("m" + i, List.of("s" + i, (long) i, i % 2 == 0), true));
		}
		List<Object> half = new ArrayList<>();
		for (int i = 0; i < clauses / 2; i++) {
			half.add((i % 2 == 0) ? "v" + i : (Object) (long) i);
		}
		return List.of(new And(negations), new And(mixedNin), new Or(equalities),
				new Or(List.of(new In("a", half, true), new In("b", half, false))));
	}

	/**
	 * A random tree of every operator and value type, nested up to four levels, with at most
	 * {@code maxClauses} conditions by {@link FilterParser#clauses}.
	 */
	public static MetadataFilter random(Random random, int maxClauses) {
		return node(random, 0, maxClauses);
	}

	private static MetadataFilter node(Random random, int depth, int budget) {
		String field = List.of("a", "b", "c_d", "document_id", "source").get(random.nextInt(5));
		int pick = (depth >= 4 || budget < 2) ? random.nextInt(2) : random.nextInt(4);
		return switch (pick) {
			case 0 -> {
				Op op = Op.values()[random.nextInt(Op.values().length)];
				yield new Comparison(field, op, value(random, op.isRange()));
			}
			case 1 -> {
				int size = 1 + random.nextInt(Math.min(budget, 100));
				List<Object> values = new ArrayList<>();
				for (int i = 0; i < size; i++) {
					values.add(value(random, false));
				}
				yield new In(field, values, random.nextBoolean());
			}
			default -> {
				List<MetadataFilter> children = new ArrayList<>();
				int left = budget;
				int size = 1 + random.nextInt(Math.min(left, 40));
				for (int i = 0; i < size && left > 0; i++) {
					MetadataFilter child = node(random, depth + 1, Math.max(1, left / (size - i)));
					children.add(child);
					left -= FilterParser.clauses(child);
				}
				yield (pick == 2) ? new And(children) : new Or(children);
			}
		};
	}

	private static Object value(Random random, boolean range) {
		return switch (random.nextInt(range ? 3 : 4)) {
			case 0 -> (long) random.nextInt(5);
			case 1 -> random.nextInt(5) + 0.5;
			case 2 -> "v" + random.nextInt(5);
			default -> random.nextBoolean();
		};
	}

}
