using Accommodation.Reservations.Infrastructure.Payments;
using Microsoft.Extensions.Time.Testing;

namespace Accommodation.Reservations.Tests.Payments;

public sealed class PaymentCircuitTests
{
    private static readonly TimeSpan BreakDuration = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan TrialTime = TimeSpan.FromSeconds(2);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 24, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public void A_circuit_that_never_opened_lets_every_pay_ask_payment()
    {
        var circuit = new PaymentCircuit(_time);

        Assert.Null(circuit.RestingFor());
        Assert.Null(circuit.RestingFor());
    }

    [Fact]
    public void While_the_pause_lasts_every_pay_is_told_how_long_is_left()
    {
        var circuit = new PaymentCircuit(_time);
        circuit.Opened(BreakDuration, TrialTime);

        Assert.Equal(BreakDuration, circuit.RestingFor());
        _time.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal(TimeSpan.FromSeconds(2), circuit.RestingFor());
    }

    [Fact]
    public void After_the_pause_one_pay_is_the_trial_and_the_others_wait_for_its_outcome()
    {
        var circuit = new PaymentCircuit(_time);
        circuit.Opened(BreakDuration, TrialTime);
        _time.Advance(BreakDuration);

        Assert.Null(circuit.RestingFor());
        Assert.Equal(TrialTime, circuit.RestingFor());
        Assert.Equal(TrialTime, circuit.RestingFor());
    }

    [Fact]
    public void A_circuit_isolated_by_hand_rests_until_it_is_closed()
    {
        var circuit = new PaymentCircuit(_time);
        circuit.Opened(TimeSpan.MaxValue, TrialTime);
        _time.Advance(TimeSpan.FromDays(365));

        Assert.True(circuit.RestingFor() > TimeSpan.FromDays(365));
        circuit.Closed();
        Assert.Null(circuit.RestingFor());
    }

    [Fact]
    public void A_trial_that_closes_the_circuit_lets_every_pay_through_again()
    {
        var circuit = TrialUnderway();

        circuit.Closed();

        Assert.Null(circuit.RestingFor());
        Assert.Null(circuit.RestingFor());
    }

    [Fact]
    public void A_trial_that_fails_opens_a_new_pause()
    {
        var circuit = TrialUnderway();

        _time.Advance(TimeSpan.FromMilliseconds(700));
        circuit.Opened(BreakDuration, TrialTime);

        Assert.Equal(BreakDuration, circuit.RestingFor());
    }

    [Fact]
    public void A_trial_that_never_reaches_payment_gives_the_next_pay_its_turn_after_the_trial_time()
    {
        // Say the trial's reservation was not held: answered 409, payment never asked.
        var circuit = TrialUnderway();

        _time.Advance(TrialTime);

        Assert.Null(circuit.RestingFor());
    }

    /// <summary>A circuit whose pause is over, with the one pay that got through as the trial.</summary>
    private PaymentCircuit TrialUnderway()
    {
        var circuit = new PaymentCircuit(_time);
        circuit.Opened(BreakDuration, TrialTime);
        _time.Advance(BreakDuration);
        Assert.Null(circuit.RestingFor());
        return circuit;
    }
}
