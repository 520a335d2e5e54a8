using Accommodation.Payments.Api.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Accommodation.Payments.Api.Infrastructure.EntityConfigurations;

internal sealed class PaymentEntityTypeConfiguration : IEntityTypeConfiguration<Payment>
{
    // numeric(12,2) reads back as 240000.00; the aggregate holds 240000.
    private static readonly ValueConverter<decimal, decimal> AsStored = new(value => value, stored => StoredForm.Amount(stored));

    public void Configure(EntityTypeBuilder<Payment> builder)
    {
        builder.ToTable("payments");
        builder.HasKey(payment => payment.Id);
        builder.Ignore(payment => payment.DomainEvents);

        builder.Property(payment => payment.Id).HasColumnName("id").ValueGeneratedNever();
        builder.Property(payment => payment.ReservationNumber).HasColumnName("reservation_number")
            .HasMaxLength(Payment.ReservationNumberMaxLength);
        builder.Property(payment => payment.CustomerId).HasColumnName("customer_id").HasMaxLength(Payment.CustomerIdMaxLength);
        builder.Property(payment => payment.Amount).HasColumnName("amount").HasPrecision(12, 2)
            .HasConversion(AsStored);
        builder.Property(payment => payment.GatewayTransactionId).HasColumnName("gateway_transaction_id")
            .HasMaxLength(Payment.GatewayTransactionIdMaxLength);
        builder.Property(payment => payment.Status).HasColumnName("status").HasConversion<string>().HasMaxLength(16);
        builder.Property(payment => payment.ApprovedAt).HasColumnName("approved_at");
        builder.Property(payment => payment.RefundedAmount).HasColumnName("refunded_amount").HasPrecision(12, 2)
            .HasConversion(AsStored);
        builder.Property(payment => payment.RefundRate).HasColumnName("refund_rate").HasPrecision(5, 4)
            .HasConversion(AsStored);
        builder.Property(payment => payment.RefundedAt).HasColumnName("refunded_at");
        builder.Property(payment => payment.Version).HasColumnName("version").IsConcurrencyToken();

        builder.HasIndex(payment => payment.ReservationNumber);
        // A customer lists their own payments.
        builder.HasIndex(payment => payment.CustomerId);
    }
}
