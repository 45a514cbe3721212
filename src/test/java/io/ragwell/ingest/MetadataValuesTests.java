package io.ragwell.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class MetadataValuesTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@Test
	void serialisedBytesEqualTheLengthOfTheUtf8JsonForRandomMetadata() {
		Random random = new Random(17);
		String alphabet = "az09 \"\\\n\té€😀";
		for (int i = 0; i < 200; i++) {
			Map<String, Object> metadata = new TreeMap<>();
			for (int k = random.nextInt(8); k > 0; k--) {
				List<Object> values = new ArrayList<>();
				for (int v = random.nextInt(5); v >= 0; v--) {
					values.add(switch (random.nextInt(4)) {
						case 0 -> random.nextLong();
						case 1 -> random.nextDouble() * 1e6;
						case 2 -> random.nextBoolean();
						default -> {
							StringBuilder text = new StringBuilder();
							for (int c = random.nextInt(20); c > 0; c--) {
								text.appendCodePoint(alphabet.codePointAt(alphabet.offsetByCodePoints(0,
										random.nextInt(alphabet.codePointCount(0, alphabet.length())))));
							}
							yield text.toString();
						}
					});
				}
				metadata.put("key" + k, (values.size() == 1) ? values.getFirst() : values);
			}
			assertThat(MetadataValues.serialisedBytes(metadata)).isEqualTo(JSON.writeValueAsBytes(metadata).length);
		}
	}

}
