using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Accommodation.Rooms.Api.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class RoomOccupancy : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "room_reservations",
                columns: table => new
                {
                    reservation_number = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    room_number = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false, collation: "C"),
                    check_in = table.Column<DateOnly>(type: "date", nullable: false),
                    check_out = table.Column<DateOnly>(type: "date", nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    version = table.Column<int>(type: "integer", nullable: false),
                    checked_out_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_room_reservations", x => x.reservation_number);
                });

            migrationBuilder.CreateTable(
                name: "room_nights",
                columns: table => new
                {
                    room_number = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false, collation: "C"),
                    night = table.Column<DateOnly>(type: "date", nullable: false),
                    reservation_number = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    reservation_version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_room_nights", x => new { x.room_number, x.night, x.reservation_number });
                    table.ForeignKey(
                        name: "FK_room_nights_room_reservations_reservation_number",
                        column: x => x.reservation_number,
                        principalTable: "room_reservations",
                        principalColumn: "reservation_number",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_room_nights_reservation_number",
                table: "room_nights",
                column: "reservation_number");

            migrationBuilder.CreateIndex(
                name: "ix_room_reservations_room_number_check_in",
                table: "room_reservations",
                columns: new[] { "room_number", "check_in" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "room_nights");

            migrationBuilder.DropTable(
                name: "room_reservations");
        }
    }
}
