package io.ragwell.ingest;

import java.time.Duration;

import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * {@code ragwell.files.*}: what reading one file may cost beyond its size and text
 * ({@code ragwell.limits.max-file-bytes}, {@code max-extracted-chars}).
 *
 * @param parseTimeout longest one file's parse may take, OCR included (422 beyond)
 * @param maxImages most images of one file run through OCR (the rest are skipped)
 * @param maxImageBytes largest image run through OCR and kept
 * @param maxImagePixels largest image, in pixels, run through OCR: a small PNG can decode to gigabytes
 * @param maxKeptImageBytes most image bytes one document keeps as assets (images beyond are read but not kept)
 */
@Validated
@ConfigurationProperties("ragwell.files")
public record FileProperties(@DefaultValue("120s") Duration parseTimeout, @DefaultValue("50") @Min(0) int maxImages,
		@DefaultValue("16MB") DataSize maxImageBytes, @DefaultValue("40000000") @Min(1) long maxImagePixels,
		@DefaultValue("32MB") DataSize maxKeptImageBytes) {
}
