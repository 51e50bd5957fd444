package budgetron.db.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;

import java.math.BigDecimal;
import java.time.LocalDate;

/** One exchange rate per source currency, target currency, day and rate provider. */
@Entity
@Table(name = "currency_rates", uniqueConstraints = @UniqueConstraint(
        name = "currency_rates_sourceCurrency_targetCurrency_date_source_unique",
        columnNames = {"source_currency", "target_currency", "date", "source"}))
public class CurrencyRate extends BaseEntity {
    @Column(name = "source_currency", nullable = false, columnDefinition = "text")
    private String sourceCurrency;

    @Column(name = "target_currency", nullable = false, columnDefinition = "text")
    private String targetCurrency;

    @Column(name = "date", nullable = false, columnDefinition = "date")
    private LocalDate date;

    @Column(name = "rate", nullable = false, columnDefinition = "numeric")
    private BigDecimal rate;

    @Column(name = "source", nullable = false, columnDefinition = "text")
    private String source;

    public String getSourceCurrency() { return sourceCurrency; }
    public void setSourceCurrency(String sourceCurrency) { this.sourceCurrency = sourceCurrency; }
    public String getTargetCurrency() { return targetCurrency; }
    public void setTargetCurrency(String targetCurrency) { this.targetCurrency = targetCurrency; }
    public LocalDate getDate() { return date; }
    public void setDate(LocalDate date) { this.date = date; }
    public BigDecimal getRate() { return rate; }
    public void setRate(BigDecimal rate) { this.rate = rate; }
    public String getSource() { return source; }
    public void setSource(String source) { this.source = source; }
}
