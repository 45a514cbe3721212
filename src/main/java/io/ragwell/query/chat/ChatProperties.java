package io.ragwell.query.chat;

import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code ragwell.chat.*}: how much of a conversation the OpenAI-compatible endpoint uses.
 *
 * @param maxHistoryTurns earlier turns (user and assistant messages) used at most, the most recent ones
 * @param maxHistoryChars characters of earlier turns used at most; older turns beyond it are left out
 */
@Validated
@ConfigurationProperties("ragwell.chat")
public record ChatProperties(@DefaultValue("10") @Min(0) int maxHistoryTurns,
		@DefaultValue("8000") @Min(0) int maxHistoryChars) {
}
