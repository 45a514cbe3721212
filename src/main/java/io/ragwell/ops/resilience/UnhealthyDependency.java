package io.ragwell.ops.resilience;

import java.util.function.Predicate;

/** The circuit breaker's record predicate: see {@link RetryableFailure#isTransient(Throwable)}. */
final class UnhealthyDependency implements Predicate<Throwable> {

	@Override
	public boolean test(Throwable failure) {
		return RetryableFailure.isTransient(failure);
	}

}
