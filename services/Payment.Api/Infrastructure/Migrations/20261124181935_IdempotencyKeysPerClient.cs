using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Accommodation.Payments.Api.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class IdempotencyKeysPerClient : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "PK_idempotency_records",
                table: "idempotency_records");

            migrationBuilder.AddColumn<string>(
                name: "client_id",
                table: "idempotency_records",
                type: "character varying(100)",
                maxLength: 100,
                nullable: false,
                defaultValue: "reservation");

            // Until now only reservation could charge: its keys keep their recorded answers. New rows name their client.
            migrationBuilder.Sql("ALTER TABLE idempotency_records ALTER COLUMN client_id DROP DEFAULT;");

            migrationBuilder.AddPrimaryKey(
                name: "PK_idempotency_records",
                table: "idempotency_records",
                columns: new[] { "client_id", "key" });

            migrationBuilder.CreateIndex(
                name: "IX_payments_customer_id",
                table: "payments",
                column: "customer_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_payments_customer_id",
                table: "payments");

            migrationBuilder.DropPrimaryKey(
                name: "PK_idempotency_records",
                table: "idempotency_records");

            // One namespace again: only reservation's keys can stay, or the same key of two clients would collide.
            migrationBuilder.Sql("DELETE FROM idempotency_records WHERE client_id <> 'reservation';");

            migrationBuilder.DropColumn(
                name: "client_id",
                table: "idempotency_records");

            migrationBuilder.AddPrimaryKey(
                name: "PK_idempotency_records",
                table: "idempotency_records",
                column: "key");
        }
    }
}
