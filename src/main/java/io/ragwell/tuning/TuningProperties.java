package io.ragwell.tuning;

import java.time.Duration;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code ragwell.tuning.*}: how {@code POST /tuning} searches and when it may apply what it found.
 *
 * @param minJudgedQueries judged questions (with at least one source rated relevant) needed before settings are
 * changed at all; fewer and a run reports what it would need
 * @param minHeldOut judged questions needed in the held-out part
 * @param heldOutFraction share of judged questions kept out of the choice and used only as the check
 * @param margin mean nDCG@10 the winner must add over the current settings on the held-out part
 * @param maxQueries most judged questions one run uses (the most recently rated): bounds its time (one query
 * embedding and two searches each) and memory (two id lists each)
 * @param maxFeedback most feedback records one run reads (the latest)
 * @param settingsTtl how long a replica reuses its read of a namespace's settings (another replica's change
 * reaches it within this)
 */
@Validated
@ConfigurationProperties("ragwell.tuning")
public record TuningProperties(@DefaultValue("30") @Min(2) int minJudgedQueries,
		@DefaultValue("10") @Min(1) int minHeldOut,
		@DefaultValue("0.3") @DecimalMin("0.05") @DecimalMax("0.9") double heldOutFraction,
		@DefaultValue("0.01") @DecimalMin("0.0") @DecimalMax("1.0") double margin,
		@DefaultValue("500") @Min(2) @Max(10000) int maxQueries,
		@DefaultValue("50000") @Min(1) @Max(1000000) int maxFeedback, @DefaultValue("5s") Duration settingsTtl) {
}
