package budgetron.db.corpus.library;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

@Converter
public class CentsConverter implements AttributeConverter<Price, Long> {
    @Override
    public Long convertToDatabaseColumn(Price price) {
        return price == null ? null : price.cents();
    }

    @Override
    public Price convertToEntityAttribute(Long cents) {
        return cents == null ? null : new Price(cents);
    }
}
