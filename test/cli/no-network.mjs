// Preload for the offline test: any attempt to open a TCP/UDP/IPC connection throws, so a
// command that passes under it provably used no network (issue 7: verify with the network off).
import net from 'node:net';
import dgram from 'node:dgram';
const refuse = () => {
  throw new Error('network access attempted during an offline command');
};
net.Socket.prototype.connect = refuse;
net.connect = refuse;
net.createConnection = refuse;
dgram.createSocket = refuse;
