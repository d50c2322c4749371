namespace Returns.Domain.Tests;

/// <summary>Money is decimal, rounded half away from zero to 0.01 (四舍五入).</summary>
public sealed class MoneyTests
{
    [Theory]
    [InlineData(0.005, 0.01)]
    [InlineData(0.004, 0.00)]
    [InlineData(2.675, 2.68)]
    [InlineData(2.665, 2.67)]
    [InlineData(1.115, 1.12)]
    [InlineData(-0.005, -0.01)]
    [InlineData(-2.675, -2.68)]
    [InlineData(99.999, 100.00)]
    [InlineData(12.30, 12.30)]
    public void Amounts_round_half_away_from_zero_to_the_fen(decimal amount, decimal rounded)
    {
        Assert.Equal(rounded, Money.Round(amount));
    }

    [Fact]
    public void Money_of_rounds_the_amount()
    {
        Assert.Equal(new Money(33.33m, "CNY"), Money.Of(33.333m, "CNY"));
    }

    [Fact]
    public void Multiplying_by_a_quantity_rounds_the_product_not_the_unit_price()
    {
        var total = new Money(33.333m, "CNY") * 3;

        Assert.Equal(new Money(100.00m, "CNY"), total);
    }

    [Fact]
    public void Amounts_in_one_currency_add_up()
    {
        Assert.Equal(new Money(131.80m, "CNY"), new Money(119.80m, "CNY") + new Money(12.00m, "CNY"));
    }

    [Fact]
    public void Amounts_in_different_currencies_cannot_be_combined()
    {
        Assert.Throws<InvalidOperationException>(() => new Money(1m, "CNY") + new Money(1m, "USD"));
    }

    [Fact]
    public void Amounts_in_different_currencies_cannot_be_compared()
    {
        Assert.Throws<InvalidOperationException>(() => new Money(1m, "CNY") > new Money(1m, "USD"));
    }

    [Fact]
    public void Min_is_the_smaller_amount()
    {
        Assert.Equal(new Money(30.00m, "CNY"), Money.Min(new Money(45.00m, "CNY"), new Money(30.00m, "CNY")));
    }

    [Fact]
    public void Money_prints_two_decimals_and_the_currency()
    {
        Assert.Equal("12.50 CNY", new Money(12.5m, "CNY").ToString());
    }

    [Theory]
    [InlineData(12.34, true)]
    [InlineData(12.3, true)]
    [InlineData(12, true)]
    [InlineData(12.345, false)]
    [InlineData(0.001, false)]
    public void Whole_fen_amounts_have_at_most_two_decimals(decimal amount, bool whole)
    {
        Assert.Equal(whole, Money.HasAtMostTwoDecimals(amount));
    }

    [Fact]
    public void Zero_is_nothing_in_the_currency()
    {
        Assert.Equal(new Money(0m, "CNY"), Money.Zero("CNY"));
    }
}
