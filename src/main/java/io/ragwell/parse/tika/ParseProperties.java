package io.ragwell.parse.tika;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code ragwell.parse.*}: the file parser's own resources.
 *
 * @param threads files parsed at once; more wait (their wait counts against {@code ragwell.files.parse-timeout})
 * @param ocr Tesseract
 */
@Validated
@ConfigurationProperties("ragwell.parse")
public record ParseProperties(@DefaultValue("2") @Min(1) int threads, @DefaultValue @Valid Ocr ocr) {

	/**
	 * {@code ragwell.parse.ocr.*}.
	 *
	 * @param enabled read text off images with Tesseract when its binary is found
	 * @param tesseractPath the directory holding the {@code tesseract} binary; empty: the {@code PATH}
	 * @param language Tesseract language(s), e.g. {@code eng} or {@code eng+deu} (their traineddata must be
	 * installed)
	 * @param timeout longest one image's OCR may run; the process is killed after it
	 */
	public record Ocr(@DefaultValue("true") boolean enabled, @DefaultValue("") String tesseractPath,
			@DefaultValue("eng") String language, @DefaultValue("60s") Duration timeout) {
	}

}
