using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Accommodation.Reservations.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class PaymentAttempts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "payment_attempt",
                table: "reservations",
                type: "integer",
                nullable: false,
                defaultValue: 1);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "payment_attempt",
                table: "reservations");
        }
    }
}
